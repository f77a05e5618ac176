using System.Buffers;

namespace Vtr.Shared.Wire;

/// <summary>PACKET (6): one compressed access unit (Annex B), server → client when encoding, client → server when decoding.</summary>
public sealed record PacketMessage(long Pts, long Dts, long Duration, uint Flags, ReadOnlyMemory<byte> Data) : IVtr1Message
{
    /// <summary>Flag bit 0: keyframe / sync sample.</summary>
    public const uint KeyframeFlag = 1;

    internal const int HeadBytes = 32;

    public Vtr1MessageType Type => Vtr1MessageType.Packet;

    public bool IsKeyframe => (Flags & KeyframeFlag) != 0;

    /// <summary>The 32-byte head and the data are required; trailing bytes are ignored. The data is copied.</summary>
    public static PacketMessage Read(ReadOnlySequence<byte> payload, Vtr1Limits limits)
    {
        var reader = new Vtr1PayloadReader(payload);
        var pts = reader.ReadInt64("PACKET pts");
        var dts = reader.ReadInt64("PACKET dts");
        var duration = reader.ReadInt64("PACKET duration");
        var flags = reader.ReadUInt32("PACKET flags");
        var length = reader.ReadUInt32("PACKET data_len");
        if (length > reader.Remaining || length > limits.MaxPayloadBytes)
        {
            throw Vtr1ProtocolException.Malformed($"PACKET data_len {length} runs past the payload");
        }

        var data = reader.ReadBytes((int)length, "PACKET data");
        return new PacketMessage(pts, dts, duration, flags, data);
    }

    /// <summary>Writes a PACKET straight from its parts (hot path, no message object).</summary>
    public static void Write(IBufferWriter<byte> output, long pts, long dts, long duration, uint flags, ReadOnlySpan<byte> data)
    {
        var writer = Vtr1PayloadWriter.Begin(output, Vtr1MessageType.Packet, HeadBytes + data.Length);
        writer.WriteInt64(pts);
        writer.WriteInt64(dts);
        writer.WriteInt64(duration);
        writer.WriteUInt32(flags);
        writer.WriteUInt32((uint)data.Length);
        writer.WriteBytes(data);
        writer.Commit(output);
    }

    public void Write(IBufferWriter<byte> output) => Write(output, Pts, Dts, Duration, Flags, Data.Span);

    public bool Equals(PacketMessage? other) =>
        other is not null && Pts == other.Pts && Dts == other.Dts && Duration == other.Duration
        && Flags == other.Flags && WireEquality.BytesEqual(Data, other.Data);

    public override int GetHashCode() => HashCode.Combine(Pts, Dts, Duration, Flags, Data.Length);
}
