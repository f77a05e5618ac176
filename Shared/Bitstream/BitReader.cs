namespace Vtr.Shared.Bitstream;

/// <summary>
/// MSB-first bit reader over an RBSP (already unescaped) for the fixed- and Exp-Golomb-coded fields
/// of parameter sets. Every read is bounds-checked. The <c>TryRead…</c> methods report failure
/// directly; the short forms (<see cref="U"/>, <see cref="Ue"/>, <see cref="Se"/>, <see cref="Flag"/>)
/// return 0 once the data is exhausted and latch <see cref="Failed"/>, so a parser reads a run of
/// fields and checks once — the way FFmpeg's GetBitContext callers check <c>get_bits_left</c>.
/// </summary>
public ref struct BitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private long _bitPosition;

    public BitReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    /// <summary>True once any short-form read ran past the end or met an invalid Exp-Golomb code.</summary>
    public bool Failed { get; private set; }

    public readonly long BitsLeft => (_data.Length * 8L) - _bitPosition;

    public readonly long BitPosition => _bitPosition;

    /// <summary>Reads u(n) for n in 0..32.</summary>
    public bool TryReadBits(int count, out uint value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, 32u, nameof(count));
        value = 0;
        if (count > BitsLeft)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var bit = (_data[(int)(_bitPosition >> 3)] >> (7 - (int)(_bitPosition & 7))) & 1;
            value = (value << 1) | (uint)bit;
            _bitPosition++;
        }

        return true;
    }

    public bool TrySkipBits(long count)
    {
        if (count < 0 || count > BitsLeft)
        {
            return false;
        }

        _bitPosition += count;
        return true;
    }

    /// <summary>Reads ue(v). Codes with more than 31 leading zeros do not fit 32 bits and fail.</summary>
    public bool TryReadUe(out uint value)
    {
        value = 0;
        var leadingZeros = 0;
        while (true)
        {
            if (!TryReadBits(1, out var bit))
            {
                return false;
            }

            if (bit == 1)
            {
                break;
            }

            if (++leadingZeros > 31)
            {
                return false;
            }
        }

        if (!TryReadBits(leadingZeros, out var suffix))
        {
            return false;
        }

        value = (uint)((1UL << leadingZeros) - 1 + suffix);
        return true;
    }

    /// <summary>Reads se(v): ue 1, 2, 3, 4 … maps to 1, -1, 2, -2 ….</summary>
    public bool TryReadSe(out int value)
    {
        value = 0;
        if (!TryReadUe(out var code))
        {
            return false;
        }

        var magnitude = (long)(code / 2) + (code & 1);
        value = (int)((code & 1) == 1 ? magnitude : -magnitude);
        return true;
    }

    /// <summary>u(n); 0 and <see cref="Failed"/> set when the data ends.</summary>
    public uint U(int count) => TryReadBits(count, out var value) ? value : Fail();

    /// <summary>u(1) as a flag.</summary>
    public bool Flag() => U(1) == 1;

    /// <summary>ue(v); 0 and <see cref="Failed"/> set when invalid.</summary>
    public uint Ue() => TryReadUe(out var value) ? value : Fail();

    /// <summary>se(v); 0 and <see cref="Failed"/> set when invalid.</summary>
    public int Se() => TryReadSe(out var value) ? value : (int)Fail();

    /// <summary>Skips bits; sets <see cref="Failed"/> when fewer remain.</summary>
    public void Skip(long count)
    {
        if (!TrySkipBits(count))
        {
            Fail();
        }
    }

    private uint Fail()
    {
        Failed = true;
        _bitPosition = _data.Length * 8L;
        return 0;
    }
}
