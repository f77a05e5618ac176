using System.Buffers;

namespace Vtr.Shared.Wire;

/// <summary>PONG (11): the reply to PING. Empty payload; a receiver ignores any payload bytes.</summary>
public sealed record PongMessage : IVtr1Message
{
    private PongMessage()
    {
    }

    public static PongMessage Instance { get; } = new();

    public Vtr1MessageType Type => Vtr1MessageType.Pong;

    public void Write(IBufferWriter<byte> output) => Vtr1PayloadWriter.Begin(output, Type, 0).Commit(output);
}
