using System.Buffers.Binary;
using System.Globalization;

namespace Vtr.Shared.Media;

/// <summary>
/// CTA-861.3 content light level (ITU-T H.265 D.2.35, SEI payload type 144): MaxCLL and MaxFALL in cd/m².
/// The SEI, the mov/mp4 <c>clli</c> box and VideoToolbox's kVTCompressionPropertyKey_ContentLightLevelInfo carry the
/// same 4 big-endian bytes; x265's <c>max-cll</c> and our <c>max_cll</c> CONFIGURE key write it <c>MaxCLL,MaxFALL</c>.
/// </summary>
public sealed record ContentLightLevel(ushort MaxContent, ushort MaxAverage)
{
    public const int PayloadSize = 4;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{MaxContent},{MaxAverage}");

    public static bool TryParse(string? text, out ContentLightLevel? value)
    {
        value = null;
        var comma = text?.IndexOf(',', StringComparison.Ordinal) ?? -1;
        if (comma < 0
            || !ushort.TryParse(text.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            || !ushort.TryParse(text.AsSpan(comma + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var average))
        {
            return false;
        }

        value = new ContentLightLevel(max, average);
        return true;
    }

    /// <summary>max_content_light_level, max_pic_average_light_level: two big-endian u16.</summary>
    public byte[] ToPayload()
    {
        var payload = new byte[PayloadSize];
        BinaryPrimitives.WriteUInt16BigEndian(payload, MaxContent);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(2), MaxAverage);
        return payload;
    }

    /// <summary>Reads a D.2.35 payload; null when it is shorter than 4 bytes.</summary>
    public static ContentLightLevel? FromPayload(ReadOnlySpan<byte> payload) => payload.Length < PayloadSize
        ? null
        : new ContentLightLevel(BinaryPrimitives.ReadUInt16BigEndian(payload), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
}
