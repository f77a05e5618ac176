using Vtr.Cli.Media;

namespace Vtr.Client.Cli.Tests.Media;

[Collection(SampleClipCollection.Name)]
[Trait("Category", "Native")]
public sealed class OutputMuxerTests(SampleClips clips)
{
    /// <summary>Reads every segment's packets and muxes them unchanged with the source's avcC/hvcC and other streams.</summary>
    private static void CopyThroughSegments(MediaInfo info, string outputPath, double segmentSeconds = 1.0)
    {
        using var reader = SourcePacketReader.Open(info);
        using var muxer = OutputMuxer.Create(
            outputPath, new OutputVideoStream(info.VideoCodec.AsVideoCodec, info.Width, info.Height, info.TimeBase, info.Extradata.AsMemory()));
        muxer.CopyOtherStreams(info.Path);
        foreach (var plan in SegmentPlanner.Plan(info, segmentSeconds))
        {
            foreach (var packet in reader.ReadPackets(plan.FirstPacketIndex, plan.EndPacketIndex))
            {
                muxer.WriteVideo(packet.AnnexB.Span, packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe);
            }
        }

        muxer.Complete();
    }

    [FfmpegFact]
    public async Task Round_trip_of_a_cfr_mp4_passes_verification()
    {
        var source = await clips.CfrMp4;
        var output = clips.TempPath("cfr-out.mp4");

        CopyThroughSegments(MediaProbe.Probe(source), output);
        var report = await OutputVerifier.VerifyAsync(source, output, CancellationToken.None);

        Assert.True(report.Passed, report.ToString());
    }

    [FfmpegFact]
    public async Task Round_trip_of_a_vfr_mp4_keeps_every_pts_and_the_audio_bit_identical()
    {
        var source = await clips.VfrMp4;
        var output = clips.TempPath("vfr-out.mp4");

        CopyThroughSegments(MediaProbe.Probe(source), output);
        var report = await OutputVerifier.VerifyAsync(source, output, CancellationToken.None);

        Assert.True(report.Passed, report.ToString());
        Assert.Contains(report.Checks, c => c.Name == "video pts" && c.Detail.Contains("identical", StringComparison.Ordinal));
        Assert.Contains(report.Checks, c => c.Name == "audio #0 copied bit-identical" && c.Passed);
    }

    [FfmpegFact]
    public async Task Round_trip_of_an_mkv_with_subtitles_copies_audio_and_subtitles()
    {
        var source = await clips.SubtitledMkv;
        var output = clips.TempPath("subs-out.mkv");

        CopyThroughSegments(MediaProbe.Probe(source), output);
        var report = await OutputVerifier.VerifyAsync(source, output, CancellationToken.None);

        Assert.True(report.Passed, report.ToString());
        Assert.Contains(report.Checks, c => c.Name == "subtitle #0 copied bit-identical" && c.Passed);
    }

    [FfmpegFact]
    public async Task Round_trip_of_an_open_gop_hevc_mp4_passes_verification()
    {
        var source = await clips.HevcMp4;
        var output = clips.TempPath("hevc-out.mp4");

        CopyThroughSegments(MediaProbe.Probe(source), output);
        var report = await OutputVerifier.VerifyAsync(source, output, CancellationToken.None);

        Assert.True(report.Passed, report.ToString());
    }

    [FfmpegFact]
    public async Task Verifier_reports_a_missing_frame()
    {
        var source = await clips.CfrMp4;
        var info = MediaProbe.Probe(source);
        var output = clips.TempPath("short.mp4");
        using (var reader = SourcePacketReader.Open(info))
        using (var muxer = OutputMuxer.Create(output, new OutputVideoStream(info.VideoCodec.AsVideoCodec, info.Width, info.Height, info.TimeBase, info.Extradata.AsMemory())))
        {
            foreach (var packet in reader.ReadPackets(0, info.FrameCount - 1))
            {
                muxer.WriteVideo(packet.AnnexB.Span, packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe);
            }

            muxer.Complete();
        }

        var report = await OutputVerifier.VerifyAsync(source, output, CancellationToken.None);

        Assert.False(report.Passed);
        Assert.Contains(report.Checks, c => c.Name == "video frame count" && !c.Passed);
        Assert.Contains(report.Checks, c => c.Name == "audio streams" && !c.Passed);
    }

    [FfmpegFact]
    public void Unsupported_output_extension_is_refused_clearly()
    {
        var e = Assert.Throws<UnsupportedMediaException>(() =>
            OutputMuxer.Create(clips.TempPath("out.avi"), new OutputVideoStream(Vtr.Shared.Media.VideoCodec.H264, 64, 64, new(1, 25), default)));

        Assert.Contains("'.avi'", e.Message, StringComparison.Ordinal);
        Assert.Contains(".mp4, .mov or .mkv", e.Message, StringComparison.Ordinal);
    }

    [FfmpegFact]
    public async Task A_failed_mux_leaves_neither_the_output_nor_a_temp_file()
    {
        var info = MediaProbe.Probe(await clips.CfrMp4);
        var output = clips.TempPath("failed.mp4");
        string temp;
        using (var reader = SourcePacketReader.Open(info))
        using (var muxer = OutputMuxer.Create(output, new OutputVideoStream(info.VideoCodec.AsVideoCodec, info.Width, info.Height, info.TimeBase, info.Extradata.AsMemory())))
        {
            temp = muxer.TempPath;
            var packets = reader.ReadPackets(0, 3).ToList();
            muxer.WriteVideo(packets[1].AnnexB.Span, packets[1].Pts, packets[1].Dts, packets[1].Duration, packets[1].IsKeyframe);
            Assert.True(File.Exists(temp));

            // Going back in dts is refused by the muxer: the failure a broken node would cause.
            Assert.Throws<MediaProcessingException>(() =>
                muxer.WriteVideo(packets[0].AnnexB.Span, packets[0].Pts, packets[0].Dts, packets[0].Duration, packets[0].IsKeyframe));
        }

        Assert.False(File.Exists(output));
        Assert.False(File.Exists(temp));
    }
}
