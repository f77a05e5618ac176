using System.Globalization;
using Vtr.Shared.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>Which transport a transcode uses: the coordinator's choice per node, or one forced for every segment.</summary>
public enum TransportChoice
{
    Auto,
    Raw,
    Packets,
}

/// <summary>
/// What every segment of a job is encoded with: target codec, rate control (bitrate in bit/s, a constant quality on
/// <see cref="QualityScale"/>, or an x264/x265 <see cref="Crf"/>), the node token, FRAME plane compression for raw
/// transport and the transport choice.
/// </summary>
public sealed record SegmentEncodeSettings(
    VideoCodec Codec,
    long? Bitrate,
    int? Quality,
    string Token,
    WireCompression Compression,
    TransportChoice Transport)
{
    /// <summary>B-frames per GOP we ask for (FFmpeg's default for its remote encoders).</summary>
    public const int MaxBFrames = 2;

    /// <summary>True when the user left --codec to the source (<see cref="OutputFormatChoice"/> picks it after probing).</summary>
    public bool CodecFromSource { get; init; }

    /// <summary>Output bit depth (--pix-fmt); <see cref="OutputBitDepth.Auto"/> follows the source.</summary>
    public OutputBitDepth BitDepth { get; init; }

    /// <summary>
    /// x264/x265 ratetol asked for with --bitrate. Every segment is its own short ABR encode, and at the default 1.0
    /// each ends before rate control has pulled it to the target, so the file missed by up to 8 %; 0.1 lands each
    /// segment within about 1 % (docs/benchmarks.md, "Bitrate mode across segments").
    /// </summary>
    public const double SegmentRateTolerance = 0.1;

    /// <summary>Constant quality in x264/x265 terms (0–51), sent as our <c>crf</c> CONFIGURE key; null = not asked.</summary>
    public double? Crf { get; init; }

    /// <summary>The encoder options of one segment: rate control, a GOP longer than the segment (so its first frame
    /// is the only keyframe) and B-frames.</summary>
    public IEnumerable<KeyValuePair<string, string>> EncoderOptions(int segmentFrames)
    {
        var inv = CultureInfo.InvariantCulture;
        if (Bitrate is { } bitrate)
        {
            yield return new("bitrate", bitrate.ToString(inv));
            yield return new("rate_tolerance", SegmentRateTolerance.ToString(inv));
        }
        else if (Quality is { } quality)
        {
            // Exactly what FFmpeg's -q:v sends, so every node (and the original server) reads Q/100.
            yield return new("global_quality", QualityScale.ToGlobalQuality(quality).ToString(inv));
        }
        else if (Crf is { } crf)
        {
            yield return new("crf", crf.ToString("0.##", inv));
        }

        // GLOBAL_HEADER: segments are muxed with the CONFIGURE_ACK's avcC/hvcC, so keyframes need no in-band copies.
        var flags = CodecContextFlags.GlobalHeader | (Bitrate is null && Quality is not null ? CodecContextFlags.QScale : 0);
        yield return new("flags", flags.ToString(inv));
        yield return new("gop", Math.Max(250, (segmentFrames * 2) + 1).ToString(inv));
        yield return new("max_b_frames", MaxBFrames.ToString(inv));
    }
}
