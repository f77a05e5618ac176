using Vtr.Integration.Tests.Media;
using Vtr.Shared.Media;

using Vtr.Testing.Processes;

namespace Vtr.Integration.Tests.Node;

/// <summary>Frames in over TCP, Annex B out, checked by FFmpeg's own decoder: count, quality, timestamps, keyframes.</summary>
public sealed class EncodeThroughNodeTests : NodeTestKit
{
    private const int Width = 320;
    private const int Height = 240;
    private const int Frames = 60;
    private const int ForcedKeyframe = 30;

    [BackendFact]
    public Task H264_with_b_frames_decodes_to_every_frame_above_35_db() => EncodeAndCheckAsync(VideoCodec.H264, "h264");

    [BackendFact]
    public Task Hevc_with_b_frames_decodes_to_every_frame_above_35_db() => EncodeAndCheckAsync(VideoCodec.Hevc, "hevc");

    private async Task EncodeAndCheckAsync(VideoCodec codec, string rawFormat)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var configure = TestSessions.EncodeConfigure(Width, Height, WireCompression.Zstd, extra: [("max_b_frames", "2"), ("gop", "250")]);
        await using var client = await TestSessions.OpenEncoderAsync(NodeEndPoint, codec, configure, cts.Token);

        var packets = await TestSessions.EncodeAsync(client, Width, Height, Frames, cts.Token, forceKeyframeAt: ForcedKeyframe);

        Assert.Equal(Enumerable.Range(0, Frames).Select(i => (long)i), packets.Select(p => p.Pts).Order());
        Assert.All(packets, p => Assert.True(p.Dts <= p.Pts, $"dts {p.Dts} > pts {p.Pts}"));
        Assert.True(packets.Zip(packets.Skip(1)).All(pair => pair.First.Dts < pair.Second.Dts), "dts must strictly increase");
        Assert.True(packets.Single(p => p.Pts == ForcedKeyframe).IsKeyframe, "the forced frame must be a keyframe");
        Assert.Contains(packets, p => p.Pts != p.Dts); // B-frames really reorder

        // Parameter sets come in CONFIGURE_ACK (as avcC/hvcC), so a raw stream needs them in front.
        var stream = new MemoryStream();
        stream.Write(Vtr.Shared.Bitstream.DecoderConfigurationRecord.ToAnnexB(codec, client.LastConfigureAck!.Extradata.Span));
        packets.ForEach(p => stream.Write(p.Data.Span));
        var decoded = await ToolRun.FfmpegPipeAsync(["-v", "error", "-f", rawFormat, "-i", "-", "-pix_fmt", "nv12", "-f", "rawvideo", "-"],
            TimeSpan.FromSeconds(60), stream.ToArray());

        var frameBytes = Width * Height * 3 / 2;
        Assert.Equal(Frames, decoded.Length / frameBytes);
        for (var i = 0; i < Frames; i++)
        {
            var (luma, _) = TestPattern.Nv12(Width, Height, i);
            var psnr = TestPattern.Psnr(luma.Data.Span, luma.Stride, decoded.AsSpan(i * frameBytes, Width * Height), Width, Width, Height);
            Assert.True(psnr > 35, $"frame {i}: luma PSNR {psnr:0.0} dB");
        }
    }
}
