using System.Globalization;
using Vtr.Integration.Tests.Media;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

using Vtr.Testing.Processes;

namespace Vtr.Integration.Tests.Node;

/// <summary>
/// A client writing raw .h264/.hevc or MPEG-TS (FFmpeg's <c>flags=256</c>, no GLOBAL_HEADER) gets the parameter
/// sets in every keyframe packet: the stream cut at its second keyframe decodes on its own, with no extradata.
/// </summary>
public sealed class InBandParameterSetTests : NodeTestKit
{
    private const int Width = 192;
    private const int Height = 108;
    private const int Frames = 40;
    private const int SecondKeyframe = 20;

    [BackendFact]
    public Task H264_raw_stream_from_a_later_keyframe_decodes_alone() => CutAndDecodeAsync(VideoCodec.H264, "h264", asTransportStream: false);

    [BackendFact]
    public Task Hevc_raw_stream_from_a_later_keyframe_decodes_alone() => CutAndDecodeAsync(VideoCodec.Hevc, "hevc", asTransportStream: false);

    [BackendFact]
    public Task H264_transport_stream_from_a_later_keyframe_decodes_alone() => CutAndDecodeAsync(VideoCodec.H264, "h264", asTransportStream: true);

    [BackendFact]
    public Task Hevc_transport_stream_from_a_later_keyframe_decodes_alone() => CutAndDecodeAsync(VideoCodec.Hevc, "hevc", asTransportStream: true);

    [BackendFact]
    public async Task With_global_header_keyframes_stay_without_parameter_sets()
    {
        var packets = await EncodeAsync(VideoCodec.H264, CodecContextFlags.GlobalHeader | 256);

        Assert.All(packets.Where(p => p.IsKeyframe), p => Assert.False(
            Vtr.Node.Codecs.InBandParameterSets.Carries(VideoCodec.H264, p.Data.Span), $"keyframe at pts {p.Pts} carries parameter sets"));
    }

    private async Task CutAndDecodeAsync(VideoCodec codec, string rawFormat, bool asTransportStream)
    {
        // FFmpeg 5.1 cannot put a raw B-frame stream (no timestamps) into MPEG-TS, so the TS case encodes without them.
        var packets = await EncodeAsync(codec, flags: 256, maxBFrames: asTransportStream ? 0 : 2);

        var keyframes = packets.Where(p => p.IsKeyframe).ToList();
        Assert.Contains(keyframes, p => p.Pts == SecondKeyframe);
        Assert.All(keyframes, p => Assert.True(Vtr.Node.Codecs.InBandParameterSets.Carries(codec, p.Data.Span), $"keyframe at pts {p.Pts} lacks parameter sets"));

        // Decode order from the second keyframe on: no earlier byte, no CONFIGURE_ACK extradata.
        var cut = packets.SkipWhile(p => p.Pts != SecondKeyframe).ToList();
        var stream = new MemoryStream();
        cut.ForEach(p => stream.Write(p.Data.Span));
        var input = stream.ToArray();
        var inputFormat = rawFormat;
        if (asTransportStream)
        {
            input = await ToolRun.FfmpegPipeAsync(["-v", "error", "-f", rawFormat, "-r", "25", "-i", "-", "-c", "copy", "-f", "mpegts", "-"],
                TimeSpan.FromSeconds(60), input);
            inputFormat = "mpegts";
        }

        var decoded = await ToolRun.FfmpegPipeAsync(["-v", "error", "-xerror", "-f", inputFormat, "-i", "-", "-pix_fmt", "nv12", "-f", "rawvideo", "-"],
            TimeSpan.FromSeconds(60), input);

        var frameBytes = Width * Height * 3 / 2;
        Assert.Equal(Frames - SecondKeyframe, decoded.Length / frameBytes);
        for (var i = 0; i < Frames - SecondKeyframe; i++)
        {
            var (luma, _) = TestPattern.Nv12(Width, Height, SecondKeyframe + i);
            var psnr = TestPattern.Psnr(luma.Data.Span, luma.Stride, decoded.AsSpan(i * frameBytes, Width * Height), Width, Width, Height);
            Assert.True(psnr > 30, $"frame {SecondKeyframe + i}: luma PSNR {psnr:0.0} dB");
        }
    }

    private async Task<List<PacketMessage>> EncodeAsync(VideoCodec codec, int flags, int maxBFrames = 2)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var inv = CultureInfo.InvariantCulture;
        var configure = TestSessions.EncodeConfigure(Width, Height, WireCompression.Lz4,
            extra: [("flags", flags.ToString(inv)), ("gop", "250"), ("max_b_frames", maxBFrames.ToString(inv))]);
        await using var client = await TestSessions.OpenEncoderAsync(NodeEndPoint, codec, configure, cts.Token);
        return await TestSessions.EncodeAsync(client, Width, Height, Frames, cts.Token, forceKeyframeAt: SecondKeyframe);
    }
}
