using System.Buffers.Binary;

namespace Vtr.Shared.Bitstream;

/// <summary>
/// Big-endian reads over an avcC/hvcC record that throw <see cref="BitstreamException"/> naming the
/// field when the record ends early: for records, truncation is a configuration error, not a
/// "need more data" outcome.
/// </summary>
internal ref struct RecordCursor
{
    private readonly ReadOnlySpan<byte> _record;
    private readonly string _recordName;

    public RecordCursor(ReadOnlySpan<byte> record, string recordName)
    {
        _record = record;
        _recordName = recordName;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _record.Length - Position;

    public byte ReadByte(string field) => Take(1, field)[0];

    public ushort ReadUInt16(string field) => BinaryPrimitives.ReadUInt16BigEndian(Take(2, field));

    public ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count > Remaining)
        {
            throw new BitstreamException(
                $"The {_recordName} record is truncated: {field} needs {count} bytes at offset {Position}, {Remaining} left.");
        }

        var slice = _record.Slice(Position, count);
        Position += count;
        return slice;
    }

    public void Skip(int count, string field) => Take(count, field);
}
