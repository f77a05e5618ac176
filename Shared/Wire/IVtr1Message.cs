using System.Buffers;

namespace Vtr.Shared.Wire;

/// <summary>One VTR1 message; <see cref="Write"/> emits the header and the payload.</summary>
public interface IVtr1Message
{
    Vtr1MessageType Type { get; }

    /// <summary>Writes the whole message (12-byte header, then payload).</summary>
    void Write(IBufferWriter<byte> output);
}
