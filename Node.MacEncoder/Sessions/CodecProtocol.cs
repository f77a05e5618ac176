using Vtr.Node.Buffers;
using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

/// <summary>What a session asks its <see cref="CodecActor"/>. Ownership of pooled payloads passes with the message.</summary>
public static class CodecProtocol
{
    /// <summary>Encode one frame; the codec disposes it once submitted (or the dead-letter sink, if never handled).</summary>
    public sealed record EncodeFrame(FrameMessage Frame) : IPooledMessage
    {
        public void Dispose() => Frame.Dispose();
    }

    public sealed record DecodePacket(PacketMessage Packet);

    /// <summary>
    /// End of input: flush the codec and report the remaining outputs a credit window at a time (DrainPaused after
    /// each batch, so a slow socket never has to hold a whole encoder delay), then CodecDrained.
    /// </summary>
    public sealed record Drain
    {
        public static readonly Drain Instance = new();
    }

    /// <summary>The previous batch of drained outputs is on its way: send the next.</summary>
    public sealed record ContinueDrain
    {
        public static readonly ContinueDrain Instance = new();
    }
}
