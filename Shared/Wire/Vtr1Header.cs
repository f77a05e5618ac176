using System.Buffers.Binary;

namespace Vtr.Shared.Wire;

/// <summary>
/// The 12-byte big-endian header in front of every VTR1 message:
/// u32 magic "VTR1", u16 version, u16 type, u32 payload length (header excluded).
/// </summary>
public static class Vtr1Header
{
    /// <summary>ASCII "VTR1" read as a big-endian u32.</summary>
    public const uint Magic = 0x56545231;

    public const ushort Version = 1;

    public const int Size = 12;

    /// <summary>Writes a header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, Vtr1MessageType type, int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        BinaryPrimitives.WriteUInt32BigEndian(destination, Magic);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], Version);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], (ushort)type);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], (uint)payloadLength);
    }

    /// <summary>
    /// Checks magic and version of a complete 12-byte header and returns its raw type and length.
    /// Throws <see cref="Vtr1ProtocolException"/> (Malformed) on a bad magic or version.
    /// </summary>
    internal static (ushort RawType, uint PayloadLength) Parse(ReadOnlySpan<byte> header)
    {
        var magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (magic != Magic)
        {
            throw new Vtr1ProtocolException(Vtr1ErrorCode.Malformed, $"bad magic 0x{magic:x8}");
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
        if (version != Version)
        {
            throw new Vtr1ProtocolException(Vtr1ErrorCode.Malformed, $"unsupported version {version}");
        }

        return (BinaryPrimitives.ReadUInt16BigEndian(header[6..]), BinaryPrimitives.ReadUInt32BigEndian(header[8..]));
    }
}
