using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Vtr.Shared.Media;

/// <summary>
/// SMPTE ST 2086 mastering display colour volume in the units of the HEVC/H.264 SEI message (ITU-T H.265 D.2.28,
/// payload type 137): chromaticities in 0.00002 steps, luminances in 0.0001 cd/m². The SEI, the mov/mp4 <c>mdcv</c>
/// box, x265's <c>master-display</c> string and VideoToolbox's kVTCompressionPropertyKey_MasteringDisplayColorVolume
/// all carry these very numbers, primaries in the order green, blue, red.
/// </summary>
public sealed partial record MasteringDisplay(
    ushort GreenX, ushort GreenY, ushort BlueX, ushort BlueY, ushort RedX, ushort RedY,
    ushort WhiteX, ushort WhiteY, uint MaxLuminance, uint MinLuminance)
{
    /// <summary>Bytes of the SEI payload (and of the mdcv box body and the VideoToolbox CFData).</summary>
    public const int PayloadSize = 24;

    /// <summary>The denominator of a chromaticity (x = value / 50000).</summary>
    public const int ChromaticityScale = 50000;

    /// <summary>The denominator of a luminance in cd/m² (L = value / 10000).</summary>
    public const int LuminanceScale = 10000;

    /// <summary>x265's <c>master-display</c> syntax, <c>G(x,y)B(x,y)R(x,y)WP(x,y)L(max,min)</c>; also the value of the
    /// <c>master_display</c> CONFIGURE key (docs/protocol.md).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"G({GreenX},{GreenY})B({BlueX},{BlueY})R({RedX},{RedY})WP({WhiteX},{WhiteY})L({MaxLuminance},{MinLuminance})");

    /// <summary>Reads <see cref="ToString"/>'s syntax; anything else (a value out of range included) is false.</summary>
    public static bool TryParse(string? text, out MasteringDisplay? value)
    {
        value = null;
        var match = text is null ? null : Syntax().Match(text);
        if (match is not { Success: true })
        {
            return false;
        }

        var chroma = new ushort[8];
        for (var i = 0; i < chroma.Length; i++)
        {
            if (!ushort.TryParse(match.Groups[i + 1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out chroma[i]))
            {
                return false;
            }
        }

        if (!uint.TryParse(match.Groups[9].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            || !uint.TryParse(match.Groups[10].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var min))
        {
            return false;
        }

        value = new MasteringDisplay(chroma[0], chroma[1], chroma[2], chroma[3], chroma[4], chroma[5], chroma[6], chroma[7], max, min);
        return true;
    }

    /// <summary>The 24 big-endian bytes of D.2.28: display_primaries_x/y for c = 0..2, white_point_x/y,
    /// max_display_mastering_luminance, min_display_mastering_luminance.</summary>
    public byte[] ToPayload()
    {
        var payload = new byte[PayloadSize];
        var span = payload.AsSpan();
        ReadOnlySpan<ushort> chroma = [GreenX, GreenY, BlueX, BlueY, RedX, RedY, WhiteX, WhiteY];
        for (var i = 0; i < chroma.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[(2 * i)..], chroma[i]);
        }

        BinaryPrimitives.WriteUInt32BigEndian(span[16..], MaxLuminance);
        BinaryPrimitives.WriteUInt32BigEndian(span[20..], MinLuminance);
        return payload;
    }

    /// <summary>Reads a D.2.28 payload; null when it is shorter than 24 bytes.</summary>
    public static MasteringDisplay? FromPayload(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < PayloadSize)
        {
            return null;
        }

        var c = new ushort[8];
        for (var i = 0; i < c.Length; i++)
        {
            c[i] = BinaryPrimitives.ReadUInt16BigEndian(payload[(2 * i)..]);
        }

        return new MasteringDisplay(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            BinaryPrimitives.ReadUInt32BigEndian(payload[16..]), BinaryPrimitives.ReadUInt32BigEndian(payload[20..]));
    }

    [GeneratedRegex(@"^G\((\d+),(\d+)\)B\((\d+),(\d+)\)R\((\d+),(\d+)\)WP\((\d+),(\d+)\)L\((\d+),(\d+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
