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
/// What every segment of a job is encoded with: target codec, rate control (bitrate in bit/s, or a constant quality),
/// the node token, FRAME plane compression for raw transport and the transport choice.
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

    /// <summary>AV_CODEC_FLAG_QSCALE: the CONFIGURE flags value that makes global_quality a constant quality.</summary>
    private const int QScaleFlag = 1 << 1;

    /// <summary>The encoder options of one segment: rate control, a GOP longer than the segment (so its first frame
    /// is the only keyframe) and B-frames.</summary>
    public IEnumerable<KeyValuePair<string, string>> EncoderOptions(int segmentFrames)
    {
        var inv = CultureInfo.InvariantCulture;
        if (Bitrate is { } bitrate)
        {
            yield return new("bitrate", bitrate.ToString(inv));
        }
        else if (Quality is { } quality)
        {
            yield return new("global_quality", quality.ToString(inv));
            yield return new("flags", QScaleFlag.ToString(inv));
        }

        yield return new("gop", Math.Max(250, (segmentFrames * 2) + 1).ToString(inv));
        yield return new("max_b_frames", MaxBFrames.ToString(inv));
    }
}
