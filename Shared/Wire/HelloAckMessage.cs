using System.Buffers;
using System.Collections.Immutable;

namespace Vtr.Shared.Wire;

/// <summary>HELLO_ACK (2), server → client.</summary>
public sealed record HelloAckMessage(
    HelloStatus Status,
    string ServerName,
    string ServerVersion,
    ImmutableArray<string> Capabilities,
    ushort MaxSessions,
    ushort ActiveSessions) : IVtr1Message
{
    public Vtr1MessageType Type => Vtr1MessageType.HelloAck;

    /// <summary>
    /// Best effort like the C client: only the status byte is required; the first field that does not
    /// parse ends the read and leaves the rest at their defaults; trailing bytes are ignored.
    /// </summary>
    public static HelloAckMessage Read(ReadOnlySequence<byte> payload, Vtr1Limits limits)
    {
        var reader = new Vtr1PayloadReader(payload);
        var status = (HelloStatus)reader.ReadByte("HELLO_ACK status");
        var serverName = string.Empty;
        var serverVersion = string.Empty;
        var capabilities = ImmutableArray<string>.Empty;
        ushort maxSessions = 0;
        ushort activeSessions = 0;
        if (reader.TryReadString(limits.MaxStringBytes, out serverName)
            && reader.TryReadString(limits.MaxStringBytes, out serverVersion)
            && TryReadCapabilities(ref reader, limits, out capabilities)
            && reader.TryReadUInt16(out maxSessions))
        {
            reader.TryReadUInt16(out activeSessions);
        }

        return new HelloAckMessage(status, serverName, serverVersion, capabilities, maxSessions, activeSessions);
    }

    public void Write(IBufferWriter<byte> output)
    {
        var capabilities = Capabilities.IsDefault ? [] : Capabilities;
        if (capabilities.Length > byte.MaxValue)
        {
            throw new InvalidOperationException($"{capabilities.Length} capabilities exceed the u8 count");
        }

        var length = 1 + Vtr1PayloadWriter.StringSize(ServerName) + Vtr1PayloadWriter.StringSize(ServerVersion) + 1 + 4;
        foreach (var capability in capabilities)
        {
            length += Vtr1PayloadWriter.StringSize(capability);
        }

        var writer = Vtr1PayloadWriter.Begin(output, Type, length);
        writer.WriteByte((byte)Status);
        writer.WriteString(ServerName);
        writer.WriteString(ServerVersion);
        writer.WriteByte((byte)capabilities.Length);
        foreach (var capability in capabilities)
        {
            writer.WriteString(capability);
        }

        writer.WriteUInt16(MaxSessions);
        writer.WriteUInt16(ActiveSessions);
        writer.Commit(output);
    }

    public bool Equals(HelloAckMessage? other) =>
        other is not null && Status == other.Status && ServerName == other.ServerName
        && ServerVersion == other.ServerVersion && MaxSessions == other.MaxSessions
        && ActiveSessions == other.ActiveSessions && WireEquality.SequenceEqual(Capabilities, other.Capabilities);

    public override int GetHashCode() => HashCode.Combine(Status, ServerName, ServerVersion, MaxSessions, ActiveSessions);

    private static bool TryReadCapabilities(ref Vtr1PayloadReader reader, Vtr1Limits limits, out ImmutableArray<string> capabilities)
    {
        capabilities = [];
        if (!reader.TryReadByte(out var count))
        {
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<string>(count);
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadString(limits.MaxStringBytes, out var capability))
            {
                capabilities = builder.ToImmutable();
                return false;
            }

            builder.Add(capability);
        }

        capabilities = builder.MoveToImmutable();
        return true;
    }
}
