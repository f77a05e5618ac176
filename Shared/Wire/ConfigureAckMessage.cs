using System.Buffers;
using System.Collections.Immutable;
using Vtr.Shared.Media;

namespace Vtr.Shared.Wire;

/// <summary>
/// CONFIGURE_ACK (4), server → client: status, extradata with a <b>u16</b> length (avcC/hvcC in encode
/// mode), the pixel format echo and warnings (u8 count).
/// </summary>
public sealed record ConfigureAckMessage(
    byte Status,
    ReadOnlyMemory<byte> Extradata,
    WirePixelFormat PixelFormat,
    ImmutableArray<string> Warnings) : IVtr1Message
{
    public Vtr1MessageType Type => Vtr1MessageType.ConfigureAck;

    /// <summary>
    /// Best effort like the C client: the status is required, later fields default when missing
    /// (a missing pix_fmt reads as 0), but an extradata length beyond the payload is Malformed.
    /// The pixel format byte is kept as sent, even when it is neither NV12 nor P010.
    /// </summary>
    public static ConfigureAckMessage Read(ReadOnlySequence<byte> payload, Vtr1Limits limits)
    {
        var reader = new Vtr1PayloadReader(payload);
        var status = reader.ReadByte("CONFIGURE_ACK status");
        ReadOnlyMemory<byte> extradata = Array.Empty<byte>();
        byte pixelFormat = 0;
        var warnings = ImmutableArray<string>.Empty;
        if (reader.TryReadUInt16(out var extradataLength))
        {
            if (extradataLength > limits.MaxExtradataBytes)
            {
                throw Vtr1ProtocolException.Malformed($"CONFIGURE_ACK extradata of {extradataLength} bytes exceeds the limit");
            }

            extradata = reader.ReadBytes(extradataLength, "CONFIGURE_ACK extradata");
            if (reader.TryReadByte(out pixelFormat))
            {
                warnings = ReadWarnings(ref reader, limits);
            }
        }

        return new ConfigureAckMessage(status, extradata, (WirePixelFormat)pixelFormat, warnings);
    }

    public void Write(IBufferWriter<byte> output)
    {
        if (Extradata.Length > ushort.MaxValue)
        {
            throw new InvalidOperationException($"CONFIGURE_ACK extradata of {Extradata.Length} bytes exceeds the u16 length");
        }

        var warnings = Warnings.IsDefault ? [] : Warnings;
        if (warnings.Length > byte.MaxValue)
        {
            throw new InvalidOperationException($"{warnings.Length} warnings exceed the u8 count");
        }

        var length = 1 + sizeof(ushort) + Extradata.Length + 1 + 1;
        foreach (var warning in warnings)
        {
            length += Vtr1PayloadWriter.StringSize(warning);
        }

        var writer = Vtr1PayloadWriter.Begin(output, Type, length);
        writer.WriteByte(Status);
        writer.WriteUInt16((ushort)Extradata.Length);
        writer.WriteBytes(Extradata.Span);
        writer.WriteByte((byte)PixelFormat);
        writer.WriteByte((byte)warnings.Length);
        foreach (var warning in warnings)
        {
            writer.WriteString(warning);
        }

        writer.Commit(output);
    }

    public bool Equals(ConfigureAckMessage? other) =>
        other is not null && Status == other.Status && PixelFormat == other.PixelFormat
        && WireEquality.BytesEqual(Extradata, other.Extradata) && WireEquality.SequenceEqual(Warnings, other.Warnings);

    public override int GetHashCode() => HashCode.Combine(Status, PixelFormat, Extradata.Length);

    private static ImmutableArray<string> ReadWarnings(ref Vtr1PayloadReader reader, Vtr1Limits limits)
    {
        if (!reader.TryReadByte(out var count))
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<string>(count);
        for (var i = 0; i < count && reader.TryReadString(limits.MaxStringBytes, out var warning); i++)
        {
            builder.Add(warning);
        }

        return builder.ToImmutable();
    }
}
