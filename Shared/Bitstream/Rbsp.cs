namespace Vtr.Shared.Bitstream;

/// <summary>
/// Raw byte sequence payload extraction: drops the emulation-prevention byte (0x03) that encoders
/// insert after every <c>00 00</c> inside a NAL (H.264/H.265 §7.4.1). Kept apart from header parsing,
/// as FFmpeg keeps <c>ff_h2645_extract_rbsp</c> apart from its SPS parsers.
/// </summary>
public static class Rbsp
{
    /// <summary>
    /// Copies <paramref name="nal"/> into <paramref name="destination"/> without emulation-prevention
    /// bytes and returns the length written. The destination needs at most <c>nal.Length</c> bytes.
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> nal, Span<byte> destination)
    {
        var written = 0;
        var zeros = 0;
        foreach (var value in nal)
        {
            if (zeros >= 2 && value == 3)
            {
                zeros = 0;
                continue;
            }

            if (written == destination.Length)
            {
                throw new ArgumentException("The destination is smaller than the unescaped NAL.", nameof(destination));
            }

            destination[written++] = value;
            zeros = value == 0 ? zeros + 1 : 0;
        }

        return written;
    }

    /// <summary>
    /// Returns <paramref name="nal"/> itself when it holds no emulation-prevention byte (the usual
    /// case for parameter sets), otherwise the unescaped copy in <paramref name="scratch"/>.
    /// </summary>
    public static ReadOnlySpan<byte> UnescapeIfNeeded(ReadOnlySpan<byte> nal, Span<byte> scratch) =>
        ContainsEmulationPrevention(nal) ? scratch[..Unescape(nal, scratch)] : nal;

    /// <summary>True when the NAL contains a <c>00 00 03</c> sequence.</summary>
    public static bool ContainsEmulationPrevention(ReadOnlySpan<byte> nal)
    {
        ReadOnlySpan<byte> emulationPrevention = [0, 0, 3];
        return nal.IndexOf(emulationPrevention) >= 0;
    }
}
