using System.Buffers;

namespace Vtr.Shared.Wire;

/// <summary>
/// QUALITY (12), server → client, vtr extension (docs/protocol.md, "Extension: quality measurement"): a transcode
/// session's measurement of its own output, sent before DONE when the CONFIGURE asked for <c>measure=quality</c>.
/// u8 verdict, u32 frames measured, u32 frames encoded, f64 mean MSE, f64 mean SSIM (IEEE 754 bits, big-endian), str
/// detail. Every field is required.
/// </summary>
public sealed record QualityMessage(
    QualityMessageVerdict Verdict, uint FramesMeasured, uint FramesEncoded, double MeanSquaredError, double Ssim, string Detail) : IVtr1Message
{
    /// <summary>The fixed part: verdict, two counts, two doubles.</summary>
    public const int FixedBytes = sizeof(byte) + (2 * sizeof(uint)) + (2 * sizeof(long));

    public Vtr1MessageType Type => Vtr1MessageType.Quality;

    /// <summary>Throws <see cref="Vtr1ProtocolException"/> (Malformed) when a field is missing, the detail's length runs
    /// past the payload or the limit, the verdict is unknown or a mean is not a finite number.</summary>
    public static QualityMessage Read(ReadOnlySequence<byte> payload, Vtr1Limits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var reader = new Vtr1PayloadReader(payload);
        var verdict = reader.ReadByte("QUALITY verdict");
        if (verdict > (byte)QualityMessageVerdict.NotMeasured)
        {
            throw Vtr1ProtocolException.Malformed($"QUALITY verdict {verdict} is unknown");
        }

        var measured = reader.ReadUInt32("QUALITY frames measured");
        var encoded = reader.ReadUInt32("QUALITY frames encoded");
        var mse = BitConverter.Int64BitsToDouble(reader.ReadInt64("QUALITY mean MSE"));
        var ssim = BitConverter.Int64BitsToDouble(reader.ReadInt64("QUALITY mean SSIM"));
        if (!double.IsFinite(mse) || !double.IsFinite(ssim))
        {
            throw Vtr1ProtocolException.Malformed("QUALITY mean is not a finite number");
        }

        var detail = reader.ReadString(limits.MaxStringBytes, "QUALITY detail");
        return new QualityMessage((QualityMessageVerdict)verdict, measured, encoded, mse, ssim, detail);
    }

    public void Write(IBufferWriter<byte> output)
    {
        var writer = Vtr1PayloadWriter.Begin(output, Type, FixedBytes + Vtr1PayloadWriter.StringSize(Detail));
        writer.WriteByte((byte)Verdict);
        writer.WriteUInt32(FramesMeasured);
        writer.WriteUInt32(FramesEncoded);
        writer.WriteInt64(BitConverter.DoubleToInt64Bits(MeanSquaredError));
        writer.WriteInt64(BitConverter.DoubleToInt64Bits(Ssim));
        writer.WriteString(Detail);
        writer.Commit(output);
    }
}

/// <summary>The QUALITY verdict byte.</summary>
public enum QualityMessageVerdict : byte
{
    /// <summary>Every encoded picture decoded and was measured: the means hold.</summary>
    Measured = 0,

    /// <summary>The output does not decode to the pictures encoded; the detail says how.</summary>
    DecodeFailed = 1,

    /// <summary>The node could not measure (its own limit); the client measures the segment itself.</summary>
    NotMeasured = 2,
}
