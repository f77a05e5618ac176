using System.Buffers;
using System.Text;

namespace Vtr.Shared.Wire;

/// <summary>ERROR (9), server → client: u32 code, then a u16-prefixed UTF-8 message.</summary>
public sealed record ErrorMessage(uint Code, string Message) : IVtr1Message
{
    public Vtr1MessageType Type => Vtr1MessageType.Error;

    /// <summary>
    /// Best effort: a missing code reads as 0. When the message has no valid u16 prefix (the Python mock
    /// writes raw text after the code), the remaining bytes are taken as the text.
    /// </summary>
    public static ErrorMessage Read(ReadOnlySequence<byte> payload, Vtr1Limits limits)
    {
        var reader = new Vtr1PayloadReader(payload);
        if (!reader.TryReadUInt32(out var code))
        {
            return new ErrorMessage(0, string.Empty);
        }

        if (reader.TryReadString(limits.MaxStringBytes, out var message))
        {
            return new ErrorMessage(code, message);
        }

        var rest = reader.ReadRest();
        if (rest.Length > limits.MaxStringBytes)
        {
            rest = rest.Slice(0, limits.MaxStringBytes);
        }

        return new ErrorMessage(code, Encoding.UTF8.GetString(rest));
    }

    public void Write(IBufferWriter<byte> output)
    {
        var writer = Vtr1PayloadWriter.Begin(output, Type, sizeof(uint) + Vtr1PayloadWriter.StringSize(Message));
        writer.WriteUInt32(Code);
        writer.WriteString(Message);
        writer.Commit(output);
    }
}
