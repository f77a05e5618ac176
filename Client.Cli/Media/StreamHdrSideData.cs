using System.Runtime.InteropServices;
using Vtr.Native.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Cli.Media;

/// <summary>
/// HDR10 metadata as container stream side data: what the mov demuxer reads from <c>mdcv</c>/<c>clli</c> and the
/// Matroska demuxer from MasteringMetadata/MaxCLL/MaxFALL, and what movenc and matroskaenc write back out.
/// The payloads are libavutil's AVMasteringDisplayMetadata (mastering_display_metadata.h: AVRational
/// display_primaries[3][2] in the order R, G, B, white_point[2], min_luminance, max_luminance, int has_primaries,
/// int has_luminance; 88 bytes, read here as 22 ints) and AVContentLightMetadata (unsigned MaxCLL, MaxFALL).
/// </summary>
internal static class StreamHdrSideData
{
    private const int MasteringDisplaySize = 88;
    private const int ContentLightSize = 8;

    public static HdrMetadata Read(AvFormatLayout layout, nint stream)
    {
        var display = SideDataNative.Find(layout, stream, SideDataNative.MasteringDisplayMetadata);
        var light = SideDataNative.Find(layout, stream, SideDataNative.ContentLightLevel);
        return new HdrMetadata(
            display.Length >= MasteringDisplaySize ? ReadMasteringDisplay(MemoryMarshal.Cast<byte, int>(display[..MasteringDisplaySize])) : null,
            light.Length >= ContentLightSize ? ReadContentLight(MemoryMarshal.Cast<byte, uint>(light[..ContentLightSize])) : null);
    }

    /// <summary>Adds the known parts to a stream of an output context before its header is written.</summary>
    public static void Write(AvFormatLayout layout, nint stream, HdrMetadata hdr)
    {
        if (hdr.Display is { } d)
        {
            var m = MemoryMarshal.Cast<byte, int>(Add(layout, stream, SideDataNative.MasteringDisplayMetadata, MasteringDisplaySize));
            ReadOnlySpan<int> primaries = [d.RedX, d.RedY, d.GreenX, d.GreenY, d.BlueX, d.BlueY, d.WhiteX, d.WhiteY];
            for (var i = 0; i < primaries.Length; i++)
            {
                m[2 * i] = primaries[i];
                m[(2 * i) + 1] = MasteringDisplay.ChromaticityScale;
            }

            m[16] = (int)Math.Min(d.MinLuminance, int.MaxValue);
            m[17] = MasteringDisplay.LuminanceScale;
            m[18] = (int)Math.Min(d.MaxLuminance, int.MaxValue);
            m[19] = MasteringDisplay.LuminanceScale;
            m[20] = 1; // has_primaries
            m[21] = 1; // has_luminance
        }

        if (hdr.Light is { } l)
        {
            var c = MemoryMarshal.Cast<byte, uint>(Add(layout, stream, SideDataNative.ContentLightLevel, ContentLightSize));
            c[0] = l.MaxContent;
            c[1] = l.MaxAverage;
        }
    }

    private static MasteringDisplay? ReadMasteringDisplay(ReadOnlySpan<int> m)
    {
        if (m[20] == 0 || m[21] == 0)
        {
            return null; // a half-known mastering display cannot be written as SEI or mdcv
        }

        var c = new ushort[8];
        for (var i = 0; i < c.Length; i++)
        {
            c[i] = (ushort)Math.Clamp(Scale(m[2 * i], m[(2 * i) + 1], MasteringDisplay.ChromaticityScale), 0, ushort.MaxValue);
        }

        var min = (uint)Math.Clamp(Scale(m[16], m[17], MasteringDisplay.LuminanceScale), 0, uint.MaxValue);
        var max = (uint)Math.Clamp(Scale(m[18], m[19], MasteringDisplay.LuminanceScale), 0, uint.MaxValue);
        // Rationals 0..7: R x/y, G x/y, B x/y, white point x/y; the SEI order is G, B, R.
        return new MasteringDisplay(c[2], c[3], c[4], c[5], c[0], c[1], c[6], c[7], max, min);
    }

    private static ContentLightLevel ReadContentLight(ReadOnlySpan<uint> c) =>
        new((ushort)Math.Min(c[0], ushort.MaxValue), (ushort)Math.Min(c[1], ushort.MaxValue));

    /// <summary>num/den in units of 1/<paramref name="scale"/>, rounded.</summary>
    private static long Scale(int numerator, int denominator, int scale) =>
        denominator <= 0 ? 0 : (long)Math.Round((double)numerator * scale / denominator, MidpointRounding.AwayFromZero);

    private static Span<byte> Add(AvFormatLayout layout, nint stream, int type, int size)
    {
        var data = SideDataNative.Add(layout, stream, type, size);
        return data.Length == size ? data : throw new MediaProcessingException("Cannot allocate the HDR side data of the output video stream.");
    }
}
