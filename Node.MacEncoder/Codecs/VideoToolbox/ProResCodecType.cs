using System.Buffers.Binary;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// The CMVideoCodecType a VideoToolbox ProRes decoder is opened with, read from the first frame: the frame header
/// (after the 4-byte size and 'icpf') says 4:2:2 or 4:4:4 in the top two bits of its 13th byte (chroma_format, 2 or 3;
/// the layout FFmpeg's proresdec reads). 4:2:2 opens as 'apcn' (kCMVideoCodecType_AppleProRes422) and 4:4:4 as 'ap4h'
/// (kCMVideoCodecType_AppleProRes4444), CoreMedia/CMFormatDescription.h; each decoder takes every ProRes frame of its
/// chroma layout (Proxy/LT/Standard/HQ, 4444/XQ), since the profile shapes only the bit budget, not the syntax.
/// </summary>
public static class ProResCodecType
{
    public const uint AppleProRes422 = ('a' << 24) | ('p' << 16) | ('c' << 8) | 'n';
    public const uint AppleProRes4444 = ('a' << 24) | ('p' << 16) | ('4' << 8) | 'h';

    private const uint FrameIdentifier = ('i' << 24) | ('c' << 16) | ('p' << 8) | 'f';

    /// <summary>'apcn' or 'ap4h'; null when <paramref name="frame"/> does not start like a ProRes frame.</summary>
    public static uint? For(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 21 || BinaryPrimitives.ReadUInt32BigEndian(frame[4..]) != FrameIdentifier)
        {
            return null;
        }

        return (frame[20] >> 6) == 3 ? AppleProRes4444 : AppleProRes422;
    }
}
