using System.Buffers;

namespace Vtr.Shared.Wire;

/// <summary>HELLO (1), client → server: four strings; the mode travels later in CONFIGURE.</summary>
public sealed record HelloMessage(string Token, string Codec, string ClientName, string Build) : IVtr1Message
{
    public Vtr1MessageType Type => Vtr1MessageType.Hello;

    /// <summary>All four strings are required; trailing bytes are ignored (as the original server does).</summary>
    public static HelloMessage Read(ReadOnlySequence<byte> payload, Vtr1Limits limits)
    {
        var reader = new Vtr1PayloadReader(payload);
        var token = reader.ReadString(limits.MaxStringBytes, "HELLO token");
        var codec = reader.ReadString(limits.MaxStringBytes, "HELLO codec");
        var clientName = reader.ReadString(limits.MaxStringBytes, "HELLO client_name");
        var build = reader.ReadString(limits.MaxStringBytes, "HELLO build");
        return new HelloMessage(token, codec, clientName, build);
    }

    public void Write(IBufferWriter<byte> output)
    {
        var length = Vtr1PayloadWriter.StringSize(Token) + Vtr1PayloadWriter.StringSize(Codec)
            + Vtr1PayloadWriter.StringSize(ClientName) + Vtr1PayloadWriter.StringSize(Build);
        var writer = Vtr1PayloadWriter.Begin(output, Type, length);
        writer.WriteString(Token);
        writer.WriteString(Codec);
        writer.WriteString(ClientName);
        writer.WriteString(Build);
        writer.Commit(output);
    }
}
