namespace Vtr.Shared.Bitstream;

/// <summary>
/// MSB-first bit writer into a caller span, the counterpart of <see cref="BitReader"/> for re-emitting
/// an RBSP. Bounds are checked: a write past the end latches <see cref="Failed"/> and writes nothing
/// more, so a rewriter emits a run of fields and checks once.
/// </summary>
public ref struct BitWriter
{
    private readonly Span<byte> _data;
    private long _bitPosition;

    public BitWriter(Span<byte> destination)
    {
        _data = destination;
    }

    /// <summary>True once a write did not fit the destination.</summary>
    public bool Failed { get; private set; }

    public readonly long BitPosition => _bitPosition;

    /// <summary>Whole bytes touched so far (a partial last byte counts).</summary>
    public readonly int BytesWritten => (int)((_bitPosition + 7) >> 3);

    /// <summary>Writes the low <paramref name="count"/> bits of <paramref name="value"/>, count in 0..32.</summary>
    public void WriteBits(uint value, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, 32u, nameof(count));
        for (var i = count - 1; i >= 0; i--)
        {
            WriteBit((int)(value >> i) & 1);
        }
    }

    /// <summary>u(1).</summary>
    public void WriteFlag(bool value) => WriteBit(value ? 1 : 0);

    /// <summary>ue(v): <c>n</c> leading zeros, then value + 1 in <c>n + 1</c> bits.</summary>
    public void WriteUe(uint value)
    {
        var codeNum = (ulong)value + 1;
        var length = 64 - (int)ulong.LeadingZeroCount(codeNum);
        WriteBits(0, length - 1);
        for (var i = length - 1; i >= 0; i--)
        {
            WriteBit((int)(codeNum >> i) & 1);
        }
    }

    /// <summary>Copies <paramref name="count"/> bits of <paramref name="source"/> starting at bit <paramref name="start"/>.</summary>
    public void CopyBits(ReadOnlySpan<byte> source, long start, long count)
    {
        if (start < 0 || count < 0 || start + count > source.Length * 8L)
        {
            Failed = true;
            return;
        }

        // Byte-aligned on both sides: a plain copy (the usual case for the prefix of a parameter set).
        if ((start & 7) == 0 && (_bitPosition & 7) == 0 && count >= 8)
        {
            var bytes = (int)(count >> 3);
            var at = (int)(_bitPosition >> 3);
            if (at + bytes > _data.Length)
            {
                Failed = true;
                return;
            }

            source.Slice((int)(start >> 3), bytes).CopyTo(_data[at..]);
            _bitPosition += bytes * 8L;
            start += bytes * 8L;
            count -= bytes * 8L;
        }

        for (var bit = start; bit < start + count; bit++)
        {
            WriteBit((source[(int)(bit >> 3)] >> (7 - (int)(bit & 7))) & 1);
        }
    }

    /// <summary>rbsp_trailing_bits(): a stop bit, then zeros up to the byte boundary.</summary>
    public void WriteTrailingBits()
    {
        WriteBit(1);
        while ((_bitPosition & 7) != 0)
        {
            WriteBit(0);
        }
    }

    private void WriteBit(int bit)
    {
        var index = (int)(_bitPosition >> 3);
        if (Failed || index >= _data.Length)
        {
            Failed = true;
            return;
        }

        var mask = (byte)(0x80 >> (int)(_bitPosition & 7));
        _data[index] = bit != 0 ? (byte)(_data[index] | mask) : (byte)(_data[index] & ~mask);
        _bitPosition++;
    }
}
