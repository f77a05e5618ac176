using System.Buffers;

namespace Vtr.Shared.Wire;

/// <summary>PING (10): answered with PONG. Nobody in the original implementations initiates it. Empty payload; a receiver ignores any payload bytes.</summary>
public sealed record PingMessage : IVtr1Message
{
    private PingMessage()
    {
    }

    public static PingMessage Instance { get; } = new();

    public Vtr1MessageType Type => Vtr1MessageType.Ping;

    public void Write(IBufferWriter<byte> output) => Vtr1PayloadWriter.Begin(output, Type, 0).Commit(output);
}
