using Vtr.Node.Codecs;
using Vtr.Node.Codecs.VideoToolbox;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;

internal static class PlanFixtures
{
    /// <summary>What a plain `ffmpeg ... -c:v h264_videotoolbox_remote out.mp4` sends (WIRE.md §4.2).</summary>
    public static EncoderOptions PlainFfmpeg => new()
    {
        Mode = "encode",
        Gop = 12,
        Flags = 4194560,
        Entropy = 0,
        Realtime = 0,
        SarNum = 1,
        SarDen = 1,
        A53Cc = 1,
    };

    public static EncoderSettings Settings(EncoderOptions options, VideoCodec codec = VideoCodec.H264,
        WirePixelFormat pix = WirePixelFormat.Nv12) =>
        new(codec, 1280, 720, pix, new Rational(1, 30), new Rational(30, 1), options);

    public static CompressionPropertyPlan Plan(EncoderOptions options, VideoCodec codec = VideoCodec.H264,
        WirePixelFormat pix = WirePixelFormat.Nv12, bool appleSilicon = true) =>
        CompressionPropertyPlan.Create(Settings(options, codec, pix), appleSilicon);

    public static PlannedProperty? Find(this CompressionPropertyPlan plan, string keyName) =>
        plan.Properties.FirstOrDefault(p => p.KeyName == keyName);

    public static string[] Names(this CompressionPropertyPlan plan) => [.. plan.Properties.Select(p => p.KeyName)];
}
