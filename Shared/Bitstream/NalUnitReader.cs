using System.Buffers.Binary;

namespace Vtr.Shared.Bitstream;

/// <summary>
/// One splitter for H.264 and HEVC, for Annex B and length-prefixed input, in the spirit of
/// FFmpeg's libavcodec/h2645_parse.c. It is a ref struct enumerator over the caller's span: no
/// allocation, no copy. Use it with <c>foreach</c> (yields each NAL as a span; <see cref="CurrentRange"/>
/// gives its offset) or call <see cref="TryReadNext"/>. Damaged input is never an exception: the
/// enumeration stops and <see cref="IsDamaged"/> says why it stopped early.
/// </summary>
public ref struct NalUnitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _lengthSize;
    private int _position;

    private NalUnitReader(ReadOnlySpan<byte> data, int lengthSize)
    {
        _data = data;
        _lengthSize = lengthSize;
        _position = lengthSize == 0 ? FindNalStart(data, 0) : 0;
    }

    /// <summary>The NAL unit found by the last successful <see cref="MoveNext"/>.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    public NalUnitRange CurrentRange { get; private set; }

    /// <summary>
    /// True when length-prefixed input ended inside a length field or a declared length ran past the
    /// end. Annex B input cannot be damaged in this sense: any byte run splits somehow.
    /// </summary>
    public bool IsDamaged { get; private set; }

    /// <summary>
    /// Splits on <c>00 00 01</c> (so 4-byte start codes work too). Bytes before the first start
    /// code are skipped, trailing zero bytes of each NAL (trailing_zero_8bits, the extra zero of a
    /// 4-byte start code) are trimmed, and NALs that end up empty are skipped.
    /// </summary>
    public static NalUnitReader ForAnnexB(ReadOnlySpan<byte> annexB) => new(annexB, 0);

    /// <summary>Splits NALs that each follow a big-endian length of <paramref name="lengthSize"/> (1..4) bytes.</summary>
    public static NalUnitReader ForLengthPrefixed(ReadOnlySpan<byte> data, int lengthSize)
    {
        CheckLengthSize(lengthSize);
        return new NalUnitReader(data, lengthSize);
    }

    public readonly NalUnitReader GetEnumerator() => this;

    public bool MoveNext() => TryReadNext(out _);

    /// <summary>Reads the next NAL. Returns false at the end of the data or when the data is damaged.</summary>
    public bool TryReadNext(out NalUnitRange range)
    {
        var found = _lengthSize == 0 ? TryReadAnnexB(out range) : TryReadLengthPrefixed(out range);
        CurrentRange = range;
        Current = found ? _data.Slice(range.Offset, range.Length) : default;
        return found;
    }

    internal static void CheckLengthSize(int lengthSize)
    {
        if (lengthSize is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(lengthSize), lengthSize, "NAL length fields are 1 to 4 bytes.");
        }
    }

    private bool TryReadAnnexB(out NalUnitRange range)
    {
        while (_position < _data.Length)
        {
            var start = _position;
            var nextStartCode = IndexOfStartCode(_data, start);
            var end = nextStartCode < 0 ? _data.Length : nextStartCode;
            _position = nextStartCode < 0 ? _data.Length : nextStartCode + 3;
            while (end > start && _data[end - 1] == 0)
            {
                end--;
            }

            if (end > start)
            {
                range = new NalUnitRange(start, end - start);
                return true;
            }
        }

        range = default;
        return false;
    }

    private bool TryReadLengthPrefixed(out NalUnitRange range)
    {
        range = default;
        while (_position < _data.Length)
        {
            var remaining = _data.Length - _position;
            if (remaining < _lengthSize)
            {
                return Damaged();
            }

            var length = ReadLength(_data.Slice(_position, _lengthSize));
            _position += _lengthSize;
            if (length > (uint)(_data.Length - _position))
            {
                return Damaged();
            }

            var start = _position;
            _position += (int)length;
            if (length > 0)
            {
                range = new NalUnitRange(start, (int)length);
                return true;
            }
        }

        return false;
    }

    private bool Damaged()
    {
        IsDamaged = true;
        _position = _data.Length;
        return false;
    }

    internal static uint ReadLength(ReadOnlySpan<byte> field) => field.Length switch
    {
        1 => field[0],
        2 => BinaryPrimitives.ReadUInt16BigEndian(field),
        3 => (uint)(field[0] << 16 | field[1] << 8 | field[2]),
        _ => BinaryPrimitives.ReadUInt32BigEndian(field),
    };

    /// <summary>Index of the first byte after the first start code at or after <paramref name="from"/>, or the end.</summary>
    private static int FindNalStart(ReadOnlySpan<byte> data, int from)
    {
        var startCode = IndexOfStartCode(data, from);
        return startCode < 0 ? data.Length : startCode + 3;
    }

    /// <summary>Index of the next <c>00 00 01</c> at or after <paramref name="from"/>, or -1.</summary>
    internal static int IndexOfStartCode(ReadOnlySpan<byte> data, int from)
    {
        var offset = from;
        while (offset <= data.Length - 3)
        {
            // Vectorised search for the 0x01; then look back for the two zeros.
            var one = data[(offset + 2)..].IndexOf((byte)1);
            if (one < 0)
            {
                return -1;
            }

            var candidate = offset + one;
            if (data[candidate] == 0 && data[candidate + 1] == 0)
            {
                return candidate;
            }

            offset = candidate + 1;
        }

        return -1;
    }
}
