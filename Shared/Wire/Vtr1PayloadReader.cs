using System.Buffers;
using System.Text;

namespace Vtr.Shared.Wire;

/// <summary>
/// Bounds-checked big-endian reads over a payload that may span several segments.
/// Required fields throw <see cref="Vtr1ProtocolException"/> (Malformed) when the payload is short;
/// the <c>Try</c> forms serve the best-effort parsers (HELLO_ACK, CONFIGURE_ACK, ERROR).
/// </summary>
internal ref struct Vtr1PayloadReader
{
    private SequenceReader<byte> _reader;

    public Vtr1PayloadReader(ReadOnlySequence<byte> payload)
    {
        _reader = new SequenceReader<byte>(payload);
    }

    public readonly long Remaining => _reader.Remaining;

    public readonly bool End => _reader.End;

    public byte ReadByte(string field) =>
        _reader.TryRead(out var value) ? value : throw Truncated(field);

    public ushort ReadUInt16(string field) =>
        _reader.TryReadBigEndian(out short value) ? (ushort)value : throw Truncated(field);

    public uint ReadUInt32(string field) =>
        _reader.TryReadBigEndian(out int value) ? (uint)value : throw Truncated(field);

    public long ReadInt64(string field) =>
        _reader.TryReadBigEndian(out long value) ? value : throw Truncated(field);

    public bool TryReadByte(out byte value) => _reader.TryRead(out value);

    public bool TryReadUInt16(out ushort value)
    {
        var ok = _reader.TryReadBigEndian(out short raw);
        value = (ushort)raw;
        return ok;
    }

    public bool TryReadUInt32(out uint value)
    {
        var ok = _reader.TryReadBigEndian(out int raw);
        value = (uint)raw;
        return ok;
    }

    /// <summary>Reads a u16-prefixed UTF-8 string; the length must fit the limit and the payload.</summary>
    public string ReadString(int maxBytes, string field)
    {
        var length = ReadUInt16(field);
        if (length > maxBytes)
        {
            throw Vtr1ProtocolException.Malformed($"{field}: string of {length} bytes exceeds the limit of {maxBytes}");
        }

        if (length > _reader.Remaining)
        {
            throw Vtr1ProtocolException.Malformed($"{field}: string of {length} bytes runs past the payload");
        }

        return DecodeString(length);
    }

    /// <summary>Best-effort string: false (and nothing consumed) when the prefix or the bytes are missing.</summary>
    public bool TryReadString(int maxBytes, out string value)
    {
        value = string.Empty;
        if (!_reader.TryReadBigEndian(out short raw))
        {
            return false;
        }

        var length = (ushort)raw;
        if (length > maxBytes || length > _reader.Remaining)
        {
            _reader.Rewind(sizeof(ushort));
            return false;
        }

        value = DecodeString(length);
        return true;
    }

    /// <summary>Copies the next <paramref name="length"/> bytes into a new array (small, kept fields only).</summary>
    public byte[] ReadBytes(int length, string field)
    {
        if (length > _reader.Remaining)
        {
            throw Vtr1ProtocolException.Malformed($"{field}: {length} bytes run past the payload");
        }

        if (length == 0)
        {
            return [];
        }

        var bytes = new byte[length];
        _reader.TryCopyTo(bytes);
        _reader.Advance(length);
        return bytes;
    }

    /// <summary>Returns the next <paramref name="length"/> bytes without copying; the caller must not keep them.</summary>
    public ReadOnlySequence<byte> ReadSlice(long length, string field)
    {
        if (length > _reader.Remaining)
        {
            throw Vtr1ProtocolException.Malformed($"{field}: {length} bytes run past the payload");
        }

        var slice = _reader.Sequence.Slice(_reader.Position, length);
        _reader.Advance(length);
        return slice;
    }

    /// <summary>Everything not read yet, consumed.</summary>
    public ReadOnlySequence<byte> ReadRest()
    {
        var rest = _reader.UnreadSequence;
        _reader.AdvanceToEnd();
        return rest;
    }

    private string DecodeString(int length)
    {
        if (length == 0)
        {
            return string.Empty;
        }

        var slice = _reader.Sequence.Slice(_reader.Position, length);
        _reader.Advance(length);
        return Encoding.UTF8.GetString(slice);
    }

    private static Vtr1ProtocolException Truncated(string field) =>
        Vtr1ProtocolException.Malformed($"payload ends before {field}");
}
