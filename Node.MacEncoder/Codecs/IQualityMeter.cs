using Vtr.Shared.Media;

namespace Vtr.Node.Codecs;

/// <summary>
/// Measures a transcode session's output against the pictures it encoded, as the session runs: it keeps each picture
/// handed to the encoder, decodes each output packet with a real decoder of the output codec, pairs the two by pts and
/// measures PSNR and SSIM (libavfilter's psnr and ssim, what the client's check computes). A kept picture is released
/// as soon as its decoded twin came out, so what is held is bounded by the encoder's delay. Not thread-safe: the
/// codec's owner drives it beside the encoder.
/// </summary>
public interface IQualityMeter : IDisposable
{
    /// <summary>Copies a picture about to be submitted to the encoder (its planes are borrowed).</summary>
    void Keep(in RawVideoFrame frame);

    /// <summary>Decodes one output packet (read now; the caller keeps ownership) and measures what came out.</summary>
    void Measure(EncodedPacket packet);

    /// <summary>Flushes the decoder and the filters after the encoder's last packet and returns the segment's result.</summary>
    QualityMeasurement Finish();

    /// <summary>Pictures kept and not yet paired with their decoded output.</summary>
    int HeldFrames { get; }

    /// <summary>The most pictures held at once during the session.</summary>
    int PeakHeldFrames { get; }
}

/// <summary>What a node's quality meter is opened for: the output codec, picture and the encoder's avcC/hvcC.</summary>
public sealed record QualityMeterSettings(VideoCodec Codec, int Width, int Height, WirePixelFormat PixelFormat, ReadOnlyMemory<byte> DecoderConfiguration)
{
    /// <summary>Only decode (<see cref="OutputCheck.Decode"/>): every picture must come back, nothing is measured, no
    /// picture is copied, and the means of the result are zero.</summary>
    public bool DecodeOnly { get; init; }
}
