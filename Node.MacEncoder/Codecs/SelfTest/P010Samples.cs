using System.Buffers.Binary;

namespace Vtr.Node.Codecs.SelfTest;

/// <summary>
/// 8-bit samples to P010 and back for the 10-bit self-test. P010 keeps each sample in the high 10 bits of a
/// little-endian u16 (WIRE.md §3.3), so an 8-bit value v becomes v·256 and its top byte reads back as v.
/// </summary>
public static class P010Samples
{
    /// <summary>Writes every byte of <paramref name="eightBit"/> as one P010 sample; rows keep their layout at twice the stride.</summary>
    public static void Widen(ReadOnlySpan<byte> eightBit, Span<byte> p010)
    {
        for (var i = 0; i < eightBit.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(p010[(2 * i)..], (ushort)(eightBit[i] << 8));
        }
    }

    /// <summary>The top 8 bits of each P010 sample, rounded to the nearest 8-bit value.</summary>
    public static void Narrow(ReadOnlySpan<byte> p010, Span<byte> eightBit)
    {
        var count = Math.Min(p010.Length / 2, eightBit.Length);
        for (var i = 0; i < count; i++)
        {
            var sample = BinaryPrimitives.ReadUInt16LittleEndian(p010[(2 * i)..]);
            eightBit[i] = (byte)Math.Min(255, (sample + 128) >> 8);
        }
    }
}
