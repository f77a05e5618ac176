using Vtr.Cli.Media;
using Vtr.Shared.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>What the output's samples are: 8-bit 4:2:0 (NV12 on the wire), 10-bit 4:2:0 (P010, HEVC Main10), or decided by the source.</summary>
public enum OutputBitDepth
{
    Auto,
    Eight,
    Ten,
}

/// <summary>
/// Settles the output codec and bit depth once the source is probed (pure): a source over 8 bits becomes HEVC Main10
/// unless the user asked for 8 bits (<c>--pix-fmt yuv420p</c>) or for H.264 (8-bit only over VTR1); an 8-bit source
/// stays 8-bit unless <c>--pix-fmt yuv420p10le</c> asks for 10. Chroma is always 4:2:0: 4:2:2 and 4:4:4 sources are
/// converted where they are decoded (libswscale, <c>PictureScaler</c>).
/// </summary>
public static class OutputFormatChoice
{
    public static SegmentEncodeSettings Resolve(SegmentEncodeSettings settings, MediaInfo source)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(source);
        var depth = settings.BitDepth;
        if (depth == OutputBitDepth.Auto)
        {
            var wantsTen = source.BitDepth > 8 && (settings.CodecFromSource || settings.Codec == VideoCodec.Hevc);
            depth = wantsTen ? OutputBitDepth.Ten : OutputBitDepth.Eight;
        }

        var codec = settings.CodecFromSource ? (depth == OutputBitDepth.Ten ? VideoCodec.Hevc : VideoCodec.H264) : settings.Codec;
        return settings with { Codec = codec, BitDepth = depth, CodecFromSource = false };
    }

    /// <summary>The wire format of the FRAMEs/decoded pictures for resolved settings.</summary>
    public static WirePixelFormat WireFormat(SegmentEncodeSettings settings, MediaInfo source)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var resolved = settings.CodecFromSource || settings.BitDepth == OutputBitDepth.Auto ? Resolve(settings, source) : settings;
        return resolved.BitDepth == OutputBitDepth.Ten && resolved.Codec == VideoCodec.Hevc ? WirePixelFormat.P010 : WirePixelFormat.Nv12;
    }
}
