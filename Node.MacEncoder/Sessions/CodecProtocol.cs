using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

/// <summary>What a session asks its <see cref="CodecActor"/>. Ownership of pooled payloads passes with the message.</summary>
public static class CodecProtocol
{
    public sealed record EncodeFrame(FrameMessage Frame);

    public sealed record DecodePacket(PacketMessage Packet);

    /// <summary>End of input: flush the codec and report every remaining output, then CodecDrained.</summary>
    public sealed record Drain
    {
        public static readonly Drain Instance = new();
    }
}
