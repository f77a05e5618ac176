using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.Diagnostics;

/// <summary>A codec at a bit depth, as clients ask for it: H.264 8-bit (NV12), HEVC 8-bit (NV12), HEVC 10-bit (P010).</summary>
public sealed record CodecVariant(string Name, VideoCodec Codec, WirePixelFormat PixelFormat)
{
    public static readonly CodecVariant H264 = new("H.264 8-bit", VideoCodec.H264, WirePixelFormat.Nv12);
    public static readonly CodecVariant Hevc = new("HEVC 8-bit", VideoCodec.Hevc, WirePixelFormat.Nv12);
    public static readonly CodecVariant Hevc10 = new("HEVC 10-bit", VideoCodec.Hevc, WirePixelFormat.P010);

    public static IReadOnlyList<CodecVariant> All { get; } = [H264, Hevc, Hevc10];

    public override string ToString() => Name;
}
