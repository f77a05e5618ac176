using System.Buffers;

namespace Vtr.Shared.Wire;

/// <summary>DONE (8), server → client: the last message of a session; the server closes after it. Empty payload; a receiver ignores any payload bytes.</summary>
public sealed record DoneMessage : IVtr1Message
{
    private DoneMessage()
    {
    }

    public static DoneMessage Instance { get; } = new();

    public Vtr1MessageType Type => Vtr1MessageType.Done;

    public void Write(IBufferWriter<byte> output) => Vtr1PayloadWriter.Begin(output, Type, 0).Commit(output);
}
