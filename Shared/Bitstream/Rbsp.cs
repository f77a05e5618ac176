namespace Vtr.Shared.Bitstream;

/// <summary>
/// Raw byte sequence payload extraction: drops the emulation-prevention byte (0x03) that encoders
/// insert after every <c>00 00</c> inside a NAL (H.264/H.265 §7.4.1), and inserts it again when a
/// rewritten parameter set is packed back into a NAL. Kept apart from header parsing, as FFmpeg keeps
/// <c>ff_h2645_extract_rbsp</c> apart from its SPS parsers.
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

    /// <summary>The most bytes <see cref="Escape"/> can write for an RBSP of <paramref name="rbspLength"/> bytes.</summary>
    public static int MaxEscapedLength(int rbspLength) => checked(rbspLength + (rbspLength / 2) + 1);

    /// <summary>
    /// Copies <paramref name="rbsp"/> (header byte(s) included) into <paramref name="destination"/> as a
    /// NAL payload: a 0x03 goes after every <c>00 00</c> that is followed by a byte of 0..3, and after a
    /// final 0x00 (§7.4.1), so no start code can appear inside the NAL. Returns the length written;
    /// <see cref="MaxEscapedLength"/> bytes always suffice.
    /// </summary>
    public static int Escape(ReadOnlySpan<byte> rbsp, Span<byte> destination)
    {
        var written = 0;
        var zeros = 0;
        foreach (var value in rbsp)
        {
            if (zeros >= 2 && value <= 3)
            {
                Put(destination, ref written, 3);
                zeros = 0;
            }

            Put(destination, ref written, value);
            zeros = value == 0 ? zeros + 1 : 0;
        }

        if (!rbsp.IsEmpty && rbsp[^1] == 0)
        {
            Put(destination, ref written, 3);
        }

        return written;
    }

    private static void Put(Span<byte> destination, ref int written, byte value)
    {
        if (written == destination.Length)
        {
            throw new ArgumentException("The destination is smaller than the escaped NAL.", nameof(destination));
        }

        destination[written++] = value;
    }
}
