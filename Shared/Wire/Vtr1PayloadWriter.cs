using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Vtr.Shared.Wire;

/// <summary>
/// Writes one message whose payload size is known up front: header and payload go into one span
/// obtained from the output, which is advanced once by <see cref="Commit"/>.
/// </summary>
internal ref struct Vtr1PayloadWriter
{
    private readonly Span<byte> _message;
    private int _position;

    private Vtr1PayloadWriter(Span<byte> message)
    {
        _message = message;
        _position = Vtr1Header.Size;
    }

    /// <summary>Reserves header + payload in <paramref name="output"/> and writes the header.</summary>
    public static Vtr1PayloadWriter Begin(IBufferWriter<byte> output, Vtr1MessageType type, int payloadLength)
    {
        var total = Vtr1Header.Size + payloadLength;
        var span = output.GetSpan(total)[..total];
        Vtr1Header.Write(span, type, payloadLength);
        return new Vtr1PayloadWriter(span);
    }

    /// <summary>Wire size of a u16-prefixed UTF-8 string; throws when it cannot be encoded.</summary>
    public static int StringSize(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > ushort.MaxValue)
        {
            throw new ArgumentException($"string of {bytes} UTF-8 bytes exceeds the u16 length prefix", nameof(value));
        }

        return sizeof(ushort) + bytes;
    }

    public void WriteByte(byte value) => _message[_position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_message[_position..], value);
        _position += sizeof(ushort);
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_message[_position..], value);
        _position += sizeof(uint);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_message[_position..], value);
        _position += sizeof(long);
    }

    /// <summary>u16 byte count, then the UTF-8 bytes (the caller sized it with <see cref="StringSize"/>).</summary>
    public void WriteString(string value)
    {
        var written = Encoding.UTF8.GetBytes(value, _message[(_position + sizeof(ushort))..]);
        BinaryPrimitives.WriteUInt16BigEndian(_message[_position..], (ushort)written);
        _position += sizeof(ushort) + written;
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_message[_position..]);
        _position += value.Length;
    }

    /// <summary>Advances the output past the whole message; the payload must be exactly full.</summary>
    public readonly void Commit(IBufferWriter<byte> output)
    {
        if (_position != _message.Length)
        {
            throw new InvalidOperationException($"payload writer filled {_position} of {_message.Length} bytes");
        }

        output.Advance(_message.Length);
    }
}
