using System.Buffers;
using Vtr.Shared.Media;

namespace Vtr.Shared.Wire;

/// <summary>Turns one framed payload into its message. Every message copies what it keeps.</summary>
public static class Vtr1MessageReader
{
    /// <summary>
    /// Dispatches on <paramref name="type"/>; FRAME planes are decompressed with <paramref name="compression"/>
    /// (the session's CONFIGURE value). Unknown type numbers yield <see cref="UnknownMessage"/>; empty
    /// messages ignore any payload bytes. FRAME planes are rented from <paramref name="planePool"/> (default: the shared pool).
    /// </summary>
    public static IVtr1Message Read(Vtr1MessageType type, ReadOnlySequence<byte> payload, WireCompression compression, Vtr1Limits limits,
        ArrayPool<byte>? planePool = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return type switch
        {
            Vtr1MessageType.Hello => HelloMessage.Read(payload, limits),
            Vtr1MessageType.HelloAck => HelloAckMessage.Read(payload, limits),
            Vtr1MessageType.Configure => ConfigureMessage.Read(payload, limits),
            Vtr1MessageType.ConfigureAck => ConfigureAckMessage.Read(payload, limits),
            Vtr1MessageType.Frame => FrameMessage.Read(payload, compression, limits, planePool),
            Vtr1MessageType.Packet => PacketMessage.Read(payload, limits),
            Vtr1MessageType.Flush => FlushMessage.Instance,
            Vtr1MessageType.Done => DoneMessage.Instance,
            Vtr1MessageType.Error => ErrorMessage.Read(payload, limits),
            Vtr1MessageType.Ping => PingMessage.Instance,
            Vtr1MessageType.Pong => PongMessage.Instance,
            Vtr1MessageType.Quality => QualityMessage.Read(payload, limits),
            _ => new UnknownMessage((ushort)type),
        };
    }
}
