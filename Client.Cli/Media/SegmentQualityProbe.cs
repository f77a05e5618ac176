using System.Collections.Immutable;
using System.Globalization;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Cli.Media;

/// <summary>
/// One segment's quality against its source, measured as the segment arrives: its packets as an Annex B stream and
/// the source's frames of the same range go through one ffmpeg run whose graph decodes each side once and feeds
/// libavfilter's psnr and then its ssim filter (full planes: both filters are SIMD, the decode dominates, so
/// subsampling would save little and make the numbers differ from what users measure). The decode doubles as the
/// segment's decode check: every frame must come out, without a decoder error.
/// </summary>
public static class SegmentQualityProbe
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Measures <paramref name="segment"/> (with its packet bytes) of <paramref name="plan"/> against the source.</summary>
    /// <returns>The measurement, or a failed one with the reason when the segment does not decode to its frames.</returns>
    public static async Task<SegmentMeasurement> MeasureAsync(
        MediaInfo source, SegmentPlan plan, VideoCodec codec, EncodedSegment segment, string scratchDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(segment);
        var stem = Path.Combine(scratchDirectory, $"check-{plan.Index:D6}-{Guid.NewGuid():N}");
        var (stream, psnrStats, ssimStats) = (stem + ".es", stem + ".psnr", stem + ".ssim");
        try
        {
            WriteAnnexB(stream, codec, segment);
            var result = await MediaToolRunner.RunAsync(MediaToolRunner.FFmpeg, Arguments(source, plan, codec, stream, psnrStats, ssimStats), ToolTimeout, ct)
                .ConfigureAwait(false);
            if (!result.Succeeded || !string.IsNullOrWhiteSpace(result.StandardError))
            {
                return SegmentMeasurement.Failed($"segment {plan.Index} does not decode cleanly: {result.LastErrorLine}");
            }

            var mse = FramePsnrProbe.ParseStats(ReadIfPresent(psnrStats));
            var ssim = ParseSsimStats(ReadIfPresent(ssimStats));
            if (mse.Length != plan.FrameCount || ssim.Length != plan.FrameCount)
            {
                return SegmentMeasurement.Failed($"segment {plan.Index} decodes to {mse.Length} frames, expected {plan.FrameCount}");
            }

            return new SegmentMeasurement(plan.FrameCount, Mean(mse), Mean(ssim), null);
        }
        finally
        {
            foreach (var path in (string[])[stream, psnrStats, ssimStats])
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>The <c>All</c> value of every "n:1 Y:… U:… V:… All:0.98 (17.2)" line of the ssim filter's stats file.</summary>
    public static ImmutableArray<double> ParseSsimStats(string stats) => FilterStats.Values(stats, "All");

    private static List<string> Arguments(MediaInfo source, SegmentPlan plan, VideoCodec codec, string stream, string psnrStats, string ssimStats)
    {
        var inv = CultureInfo.InvariantCulture;
        var first = plan.OutputPts.Min();
        var last = plan.OutputPts.Max();
        // -seek_timestamp: -ss is the stream's own clock; -noaccurate_seek + -copyts: land on the keyframe at or before
        // the segment (the one before it for open-GOP leading frames) and keep the source's pts, so trim selects the
        // segment's frames by exact pts. Both sides are then renumbered 0, 1, 2… one second apart (a finer time base
        // collides in the null muxer's), so framesync pairs frame n with frame n.
        var seekSeconds = Math.Max(0, source.ToSeconds(first) - SeekMargin(source));
        var seek = seekSeconds.ToString("0.######", inv);
        var graph = string.Create(inv,
            $"[0:v]settb=1,setpts=N[main];[1:v]trim=start_pts={first}:end_pts={last + 1},settb=1,setpts=N,split[ref1][ref2];" +
            $"[main][ref1]psnr=stats_file={FilterPath(psnrStats)}[measured];[measured][ref2]ssim=stats_file={FilterPath(ssimStats)}");
        return ["-hide_banner", "-nostdin", "-v", "error", "-copyts",
            "-f", codec == VideoCodec.Hevc ? "hevc" : "h264", "-i", stream,
            "-seek_timestamp", "1", "-noaccurate_seek", "-ss", seek, .. ReadLimit(source, seekSeconds, last), "-i", source.Path,
            "-lavfi", graph, "-f", "null", "-"];
    }

    /// <summary>
    /// How far before the segment to seek. MP4/MOV and Matroska seek through their index to the keyframe at or before
    /// the target; a container without one (MPEG-TS/PS, raw streams) seeks by estimate and may land mid-GOP, where the
    /// decoder's first pictures are broken, so those start a few seconds earlier and let the decoder resync on a
    /// keyframe before the segment (trim drops the extra frames).
    /// </summary>
    private static double SeekMargin(MediaInfo source) =>
        source.ContainerName.Contains("mp4", StringComparison.Ordinal) || source.ContainerName.Contains("matroska", StringComparison.Ordinal)
            ? 0
            : UnindexedSeekMarginSeconds;

    private const double UnindexedSeekMarginSeconds = 3;

    /// <summary>
    /// `-t` for the source input, so a check decodes its segment's stretch of the source and not everything after it
    /// (trim alone does not stop the demuxer: without a limit, checking 10 segments of a 20 s file decoded the source
    /// ~5 times over). Without -accurate_seek, -t counts from the first frame decoded, which an indexed seek puts on
    /// the keyframe at or before the target: so the limit runs from that keyframe to the segment's last frame, plus a
    /// second of slack. An unindexed container may land anywhere before the target, so it reads to the end as before.
    /// </summary>
    private static string[] ReadLimit(MediaInfo source, double seekSeconds, long lastPts)
    {
        if (SeekMargin(source) > 0)
        {
            return [];
        }

        var landing = 0.0;
        foreach (var packet in source.VideoPackets)
        {
            var seconds = source.ToSeconds(packet.Pts);
            if (packet.IsKeyframe && seconds <= seekSeconds && seconds > landing)
            {
                landing = seconds;
            }
        }

        var limit = source.ToSeconds(lastPts) - landing + ReadLimitSlackSeconds;
        return ["-t", limit.ToString("0.######", CultureInfo.InvariantCulture)];
    }

    private const double ReadLimitSlackSeconds = 1;

    /// <summary>A path inside a filter graph: ':' and '\' and quotes would be parsed as syntax, so escape them.</summary>
    private static string FilterPath(string path) =>
        "'" + path.Replace("\\", "/", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal).Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void WriteAnnexB(string path, VideoCodec codec, EncodedSegment segment)
    {
        using var file = File.Create(path);
        if (!segment.DecoderConfiguration.IsEmpty)
        {
            file.Write(DecoderConfigurationRecord.ToAnnexB(codec, segment.DecoderConfiguration.Span));
        }

        foreach (var packet in segment.Packets)
        {
            file.Write(packet.AnnexB.Span);
        }
    }

    private static string ReadIfPresent(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    private static double Mean(ImmutableArray<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }
}

/// <summary>
/// One segment measured against its source: frame count, mean squared error over Y, U and V (the psnr filter's
/// <c>mse_avg</c>, averaged over frames) and mean SSIM (the ssim filter's <c>All</c>); <see cref="Problem"/> when the
/// segment failed its decode check instead.
/// </summary>
public sealed record SegmentMeasurement(int Frames, double MeanSquaredError, double Ssim, string? Problem)
{
    public bool Succeeded => Problem is null;

    /// <summary>Measured by the node that encoded the segment (QUALITY message) rather than by this client's ffmpeg run.</summary>
    public bool OnNode { get; init; }

    public static SegmentMeasurement Failed(string problem) => new(0, 0, 0, problem);

    public double Psnr(int bitDepth) => Shared.Media.Psnr.FromMeanSquaredError(MeanSquaredError, bitDepth);
}
