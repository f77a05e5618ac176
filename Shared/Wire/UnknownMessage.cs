using System.Buffers;

namespace Vtr.Shared.Wire;

/// <summary>
/// A message whose type number is not in <see cref="Vtr1MessageType"/>. The payload is skipped;
/// both original peers ignore such messages while streaming.
/// </summary>
public sealed record UnknownMessage(ushort RawType) : IVtr1Message
{
    public Vtr1MessageType Type => (Vtr1MessageType)RawType;

    /// <summary>Writes the header with an empty payload (tests and fault injection only).</summary>
    public void Write(IBufferWriter<byte> output) => Vtr1PayloadWriter.Begin(output, Type, 0).Commit(output);
}
