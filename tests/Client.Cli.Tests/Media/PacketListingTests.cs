using Vtr.Cli.Media;

namespace Vtr.Client.Cli.Tests.Media;

/// <summary>The in-process packet listing the output check uses, against the ffprobe CLI it replaced.</summary>
[Collection(SampleClipCollection.Name)]
[Trait("Category", "Native")]
public sealed class PacketListingTests(SampleClips clips)
{
    [FfmpegFact]
    public async Task Lists_every_packet_of_every_stream_as_ffprobe_does()
    {
        var path = await clips.SubtitledMkv;

        var listing = PacketListing.Read(path);
        var reference = await ReferenceProbe.JsonAsync(
            "-show_entries", "stream=index,codec_type,time_base:packet=stream_index,pts,dts,flags", path);

        var streams = reference.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(streams.Count, listing.Streams.Length);
        Assert.Contains(listing.Streams, s => s.Kind == MediaStreamKind.Subtitle);
        for (var i = 0; i < streams.Count; i++)
        {
            Assert.Equal(streams[i].GetProperty("codec_type").GetString(), listing.Streams[i].Kind.ToString().ToLowerInvariant());
            Assert.Equal(streams[i].GetProperty("time_base").GetString(), $"{listing.Streams[i].TimeBaseNumerator}/{listing.Streams[i].TimeBaseDenominator}");
        }

        var packets = reference.GetProperty("packets").EnumerateArray().ToList();
        Assert.Equal(packets.Count, listing.Packets.Length);
        for (var i = 0; i < packets.Count; i++)
        {
            var expected = packets[i];
            var actual = listing.Packets[i];
            Assert.Equal(expected.GetProperty("stream_index").GetInt32(), actual.StreamIndex);
            Assert.Equal(expected.TryGetProperty("pts", out var pts) ? pts.GetInt64() : null, actual.Pts);
            Assert.Equal(expected.TryGetProperty("dts", out var dts) ? dts.GetInt64() : null, actual.Dts);
            Assert.Equal(expected.GetProperty("flags").GetString()!.Contains('K', StringComparison.Ordinal), actual.IsKeyframe);
            Assert.Equal(listing.Streams[actual.StreamIndex].Kind != MediaStreamKind.Video, !actual.DataHash.IsEmpty);
        }
    }

    [FfmpegFact]
    public async Task The_probe_lists_the_source_in_its_own_pass_exactly_as_a_separate_read()
    {
        var path = await clips.VfrMp4;

        var probed = MediaProbe.Probe(path).Listing!;
        var read = PacketListing.Read(path);

        Assert.Equal(read.Streams.ToArray(), probed.Streams.ToArray());
        Assert.Equal(read.Packets.ToArray(), probed.Packets.ToArray());
    }

    [FfmpegFact]
    public async Task The_check_with_the_probed_source_finds_audio_that_was_not_copied()
    {
        var source = await clips.CfrMp4;
        var output = clips.TempPath("reencoded-audio.mp4");
        var remux = await MediaToolRunner.RunAsync(MediaToolRunner.FFmpeg,
            ["-v", "error", "-i", source, "-map", "0", "-c:v", "copy", "-c:a", "aac", "-b:a", "64k", output], TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.True(remux.Succeeded, remux.StandardError);

        var report = await OutputVerifier.VerifyAsync(MediaProbe.Probe(source), output, CancellationToken.None);

        Assert.False(report.Passed);
        Assert.Contains(report.Checks, c => c.Name == "audio #0 copied bit-identical" && !c.Passed);
        Assert.Contains(report.Checks, c => c.Name == "video frame count" && c.Passed);
    }
}
