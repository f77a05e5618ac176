using System.Buffers;

namespace Vtr.Shared.Wire;

/// <summary>FLUSH (7), client → server: drain everything, then answer DONE. May arrive several times. Empty payload; a receiver ignores any payload bytes.</summary>
public sealed record FlushMessage : IVtr1Message
{
    private FlushMessage()
    {
    }

    public static FlushMessage Instance { get; } = new();

    public Vtr1MessageType Type => Vtr1MessageType.Flush;

    public void Write(IBufferWriter<byte> output) => Vtr1PayloadWriter.Begin(output, Type, 0).Commit(output);
}
