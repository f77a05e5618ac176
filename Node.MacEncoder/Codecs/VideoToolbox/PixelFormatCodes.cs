using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// Four-character codes: CoreVideo/CVPixelBuffer.h pixel formats (OSType) and CoreMedia/CMFormatDescription.h
/// codec types (CMVideoCodecType). A code is the four ASCII bytes read big-endian.
/// </summary>
public static class PixelFormatCodes
{
    /// <summary>kCVPixelFormatType_420YpCbCr8BiPlanarVideoRange: NV12, video range.</summary>
    public const uint Nv12VideoRange = 0x34323076; // '420v'

    /// <summary>kCVPixelFormatType_420YpCbCr8BiPlanarFullRange: NV12, full range.</summary>
    public const uint Nv12FullRange = 0x34323066; // '420f'

    /// <summary>kCVPixelFormatType_420YpCbCr10BiPlanarVideoRange: P010, video range.</summary>
    public const uint P010VideoRange = 0x78343230; // 'x420'

    /// <summary>kCVPixelFormatType_420YpCbCr10BiPlanarFullRange.</summary>
    public const uint P010FullRange = 0x78663230; // 'xf20'

    /// <summary>kCMVideoCodecType_H264.</summary>
    public const uint CodecH264 = 0x61766331; // 'avc1'

    /// <summary>kCMVideoCodecType_HEVC.</summary>
    public const uint CodecHevc = 0x68766331; // 'hvc1'

    public static uint FromString(string fourCharacters)
    {
        if (fourCharacters.Length != 4)
        {
            throw new ArgumentException("A four-character code has exactly four characters.", nameof(fourCharacters));
        }

        return ((uint)fourCharacters[0] << 24) | ((uint)fourCharacters[1] << 16) |
               ((uint)fourCharacters[2] << 8) | fourCharacters[3];
    }

    public static string ToText(uint code) => string.Create(4, code, static (span, c) =>
    {
        span[0] = (char)((c >> 24) & 0xFF);
        span[1] = (char)((c >> 16) & 0xFF);
        span[2] = (char)((c >> 8) & 0xFF);
        span[3] = (char)(c & 0xFF);
    });

    /// <summary>The VT format the original server uses for a wire format: always video range (WIRE.md §5.1).</summary>
    public static uint ForWire(WirePixelFormat format) => format switch
    {
        WirePixelFormat.Nv12 => Nv12VideoRange,
        WirePixelFormat.P010 => P010VideoRange,
        _ => throw new CodecException($"unsupported pixel format {format}"),
    };

    public static uint ForCodec(VideoCodec codec) => codec == VideoCodec.Hevc ? CodecHevc : CodecH264;

    /// <summary>Bytes per luma sample: 1 for NV12, 2 for P010.</summary>
    public static int BytesPerSample(WirePixelFormat format) => format == WirePixelFormat.P010 ? 2 : 1;
}
