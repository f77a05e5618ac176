using System.Buffers;

namespace Vtr.Shared.Wire;

/// <summary>Splits a byte stream into VTR1 messages (header + payload), without copying the payload.</summary>
public static class Vtr1FrameReader
{
    /// <summary>
    /// Reads one whole message from the start of <paramref name="buffer"/>. Returns false when more data
    /// is needed (header or body incomplete) and leaves <paramref name="buffer"/> untouched. Magic,
    /// version and the length limit are checked as soon as the header is complete, before waiting for the
    /// body; a violation throws <see cref="Vtr1ProtocolException"/> (Malformed). On success
    /// <paramref name="buffer"/> starts after the message and <paramref name="payload"/> slices the input.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, Vtr1Limits limits, out Vtr1MessageType type, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (!TryPeekHeader(buffer, limits, out type, out var length) || buffer.Length - Vtr1Header.Size < length)
        {
            type = default;
            return false;
        }

        payload = buffer.Slice(Vtr1Header.Size, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    /// <summary>
    /// The type and payload length of the message starting <paramref name="buffer"/>; false while the 12-byte header
    /// is incomplete. Magic, version and the length limit throw <see cref="Vtr1ProtocolException"/> (Malformed).
    /// </summary>
    public static bool TryPeekHeader(in ReadOnlySequence<byte> buffer, Vtr1Limits limits, out Vtr1MessageType type, out long payloadLength)
    {
        ArgumentNullException.ThrowIfNull(limits);
        type = default;
        payloadLength = 0;
        if (buffer.Length < Vtr1Header.Size)
        {
            return false;
        }

        var (rawType, length) = ParseHeader(buffer);
        if (length > (uint)limits.MaxPayloadBytes)
        {
            throw Vtr1ProtocolException.Malformed($"payload length {length} exceeds the limit of {limits.MaxPayloadBytes}");
        }

        type = (Vtr1MessageType)rawType;
        payloadLength = length;
        return true;
    }

    private static (ushort RawType, uint Length) ParseHeader(in ReadOnlySequence<byte> buffer)
    {
        var first = buffer.FirstSpan;
        if (first.Length >= Vtr1Header.Size)
        {
            return Vtr1Header.Parse(first);
        }

        Span<byte> header = stackalloc byte[Vtr1Header.Size];
        buffer.Slice(0, Vtr1Header.Size).CopyTo(header);
        return Vtr1Header.Parse(header);
    }
}
