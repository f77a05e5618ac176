using Vtr.Cli.Media;
using Vtr.Native.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Client.Cli.Tests.Media;

[Collection(SampleClipCollection.Name)]
[Trait("Category", "Native")]
public sealed class MediaProbeTests(SampleClips clips)
{
    [FfmpegFact]
    public async Task Probe_matches_ffprobe_packet_count_and_keyframe_pts()
    {
        var path = await clips.CfrMp4;
        var info = MediaProbe.Probe(path);
        var reference = await ReferenceProbe.VideoPacketsAsync(path);

        Assert.Equal(reference.Count, info.FrameCount);
        Assert.Equal(reference.Select(p => p.Pts), info.VideoPackets.Select(p => p.Pts));
        Assert.Equal(reference.Where(p => p.Key).Select(p => p.Pts), info.VideoPackets.Where(p => p.IsKeyframe).Select(p => p.Pts));
        Assert.Equal(100, info.FrameCount);
        Assert.Equal(VideoCodec.H264, info.VideoCodec);
        Assert.Equal("yuv420p", info.PixelFormat);
        Assert.Equal(8, info.BitDepth);
        Assert.Equal(1, info.Extradata[0]); // avcC configurationVersion
        Assert.InRange(info.Duration.TotalSeconds, 3.9, 4.1);
    }

    [FfmpegFact]
    public async Task Layout_offsets_read_stream_count_size_and_time_base_as_ffprobe_reports()
    {
        var path = await clips.SubtitledMkv;
        var info = MediaProbe.Probe(path);
        var json = await ReferenceProbe.JsonAsync("-show_entries", "stream=index,codec_type,codec_name,width,height,time_base", path);
        var streams = json.GetProperty("streams").EnumerateArray().ToList();

        Assert.Contains(AvFormatRuntime.Load().FormatMajor, AvFormatLayout.Known.Select(l => l.FormatMajor));
        Assert.Equal(streams.Count, info.Streams.Length);
        Assert.Equal(3, info.Streams.Length);
        var video = streams[info.VideoStreamIndex];
        Assert.Equal(video.GetProperty("width").GetInt32(), info.Width);
        Assert.Equal(video.GetProperty("height").GetInt32(), info.Height);
        Assert.Equal(video.GetProperty("time_base").GetString(), info.TimeBase.ToString());
        Assert.Equal(streams.Select(s => s.GetProperty("codec_name").GetString()), info.Streams.Select(s => s.CodecName));
        Assert.Equal([MediaStreamKind.Video, MediaStreamKind.Audio, MediaStreamKind.Subtitle], info.Streams.Select(s => s.Kind));
    }

    [FfmpegFact]
    public async Task Probe_reads_hevc_with_its_hvcC_record()
    {
        var info = MediaProbe.Probe(await clips.HevcMp4);

        Assert.Equal(VideoCodec.Hevc, info.VideoCodec);
        Assert.Equal(75, info.FrameCount);
        Assert.Equal(1, info.Extradata[0]);
    }

    [FfmpegFact]
    public void Probe_of_a_missing_file_throws_MediaOpenException()
    {
        var e = Assert.Throws<MediaOpenException>(() => MediaProbe.Probe(clips.TempPath("missing.mp4")));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [FfmpegFact]
    public void Probe_of_garbage_throws_MediaOpenException_with_one_line_message()
    {
        var path = clips.TempPath("garbage.mp4");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))]);

        var e = Assert.Throws<MediaOpenException>(() => MediaProbe.Probe(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [FfmpegFact]
    public async Task Probe_of_a_truncated_file_throws_MediaOpenException()
    {
        var source = await File.ReadAllBytesAsync(await clips.CfrMp4);
        var path = clips.TempPath("truncated.mp4");
        await File.WriteAllBytesAsync(path, source.AsMemory(0, source.Length / 2));

        Assert.Throws<MediaOpenException>(() => MediaProbe.Probe(path));
    }
}
