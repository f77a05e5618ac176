using System.Collections.Immutable;
using System.Globalization;
using Spectre.Console;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Cli.Benchmarks.Quality;

/// <summary>
/// One rate point: plain ffmpeg's continuous encode (x264 places its own keyframes), the same with an IDR exactly at
/// every segment start (<see cref="FfmpegSegmentIdr"/>: the split's keyframe grid, so the difference to the split is
/// what splitting costs beyond its IDRs; only when the segment length is fixed, since sized segments differ per
/// cluster) and the split encode on each cluster size, with how many segments it was cut into.
/// </summary>
public sealed record QualityRow(string Mode, string Point, QualityMeasure Ffmpeg, ImmutableArray<QualityMeasure> Split)
{
    public QualityMeasure? FfmpegSegmentIdr { get; init; }

    /// <summary>Segments of the split encode on each cluster size (same order as <see cref="Split"/>).</summary>
    public ImmutableArray<int> SplitSegments { get; init; } = [];
}

/// <summary>Everything `vtr bench quality` measured, and the BD-rate of each mode and cluster size against ffmpeg.</summary>
public sealed record QualityBenchReport(QualityBenchOptions Options, ImmutableArray<QualityRow> Rows)
{
    /// <summary>BD-rate (%) of the split encode on <see cref="QualityBenchOptions.NodeCounts"/>[<paramref name="cluster"/>] in <paramref name="mode"/>.</summary>
    public double? BdRate(string mode, int cluster)
    {
        var rows = Rows.Where(r => r.Mode == mode).ToList();
        return BjontegaardDelta.RatePercent([.. rows.Select(r => r.Ffmpeg.RatePoint)], [.. rows.Select(r => r.Split[cluster].RatePoint)]);
    }

    /// <summary>BD-rate (%) of the split encode against ffmpeg with an IDR at every segment start (null when not measured).</summary>
    public double? BdRateOverSegmentIdr(string mode, int cluster)
    {
        var rows = Rows.Where(r => r.Mode == mode).ToList();
        return rows.Any(r => r.FfmpegSegmentIdr is null)
            ? null
            : BjontegaardDelta.RatePercent([.. rows.Select(r => r.FfmpegSegmentIdr!.RatePoint)], [.. rows.Select(r => r.Split[cluster].RatePoint)]);
    }

    /// <summary>BD-rate (%) of ffmpeg with an IDR every segment over plain ffmpeg: the share of the split cost that is the IDRs.</summary>
    public double? BdRateOfSegmentIdr(string mode)
    {
        var rows = Rows.Where(r => r.Mode == mode).ToList();
        return rows.Any(r => r.FfmpegSegmentIdr is null)
            ? null
            : BjontegaardDelta.RatePercent([.. rows.Select(r => r.Ffmpeg.RatePoint)], [.. rows.Select(r => r.FfmpegSegmentIdr!.RatePoint)]);
    }
}

/// <summary>
/// `vtr bench quality`: a reference clip (testsrc2 with temporal noise) encoded continuously
/// by plain ffmpeg and split through vtr's embedded cluster, with the same libx264 preset and B-frames, at four
/// bitrates and four crfs; every output measured against the clip the same way.
/// </summary>
public static class QualityBenchmark
{
    public const string BitrateMode = "bitrate";
    public const string CrfMode = "crf";

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(10);

    public static async Task<QualityBenchReport> RunAsync(QualityBenchOptions options, Action<string> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var folder = Directory.CreateTempSubdirectory("vtr-bench-quality-").FullName;
        try
        {
            var source = Path.Combine(folder, "source.mp4");
            progress($"generating the reference clip ({options.Width}x{options.Height}, {options.Seconds} s)");
            await CreateClipAsync(options, source, ct).ConfigureAwait(false);
            var rows = ImmutableArray.CreateBuilder<QualityRow>();
            var inv = CultureInfo.InvariantCulture;
            foreach (var bitrate in options.Bitrates)
            {
                var point = (bitrate / 1000).ToString(inv) + "k";
                rows.Add(await RowAsync(options, source, folder, BitrateMode, point, ["-b:v", bitrate.ToString(inv)], s => s with { Bitrate = bitrate }, progress, ct).ConfigureAwait(false));
            }

            foreach (var crf in options.Crfs)
            {
                var point = crf.ToString("0.#", inv);
                rows.Add(await RowAsync(options, source, folder, CrfMode, point, ["-crf", point], s => s with { Crf = crf }, progress, ct).ConfigureAwait(false));
            }

            return new QualityBenchReport(options, rows.ToImmutable());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<QualityRow> RowAsync(
        QualityBenchOptions options, string source, string folder, string mode, string point, string[] rateArguments,
        Func<SegmentEncodeSettings, SegmentEncodeSettings> rate, Action<string> progress, CancellationToken ct)
    {
        progress($"{mode} {point}: ffmpeg");
        var ffmpeg = await FfmpegAsync(options, source, folder, mode, point, rateArguments, [], ct).ConfigureAwait(false);
        QualityMeasure? segmentIdr = null;
        if (options.SegmentSeconds is not null)
        {
            progress($"{mode} {point}: ffmpeg, an IDR every segment");
            var gop = KeyframeFrames(options).ToString(CultureInfo.InvariantCulture);
            segmentIdr = await FfmpegAsync(options, source, folder, mode, point, rateArguments, ["-g", gop, "-keyint_min", gop, "-sc_threshold", "0"], ct)
                .ConfigureAwait(false);
        }

        var split = ImmutableArray.CreateBuilder<QualityMeasure>();
        var segments = ImmutableArray.CreateBuilder<int>();
        foreach (var nodes in options.NodeCounts)
        {
            progress($"{mode} {point}: vtr, {nodes} node(s)");
            var output = Path.Combine(folder, $"vtr-{nodes}.mp4");
            var settings = rate(new SegmentEncodeSettings(VideoCodec.H264, null, null, "", WireCompression.Lz4, TransportChoice.Auto));
            var request = new TranscodeRequest(source, output, [], settings, options.SegmentSeconds, nodes)
            {
                EmbeddedSessionsPerNode = options.SessionsPerNode,
                Overwrite = true,
                Resume = false,
                QualitySpreadDb = 0, // the plain split: no re-encode may move a segment's bits
                EmbeddedNodeBackends = [.. Enumerable.Repeat(new FFmpegBackendOptions(options.Preset), nodes)],
            };
            var silent = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
            var outcome = await new TranscodeService(silent, liveProgress: false).RunAsync(request, ct).ConfigureAwait(false);
            if (!outcome.Report.Passed)
            {
                throw new TranscodeFailedException($"vtr {mode} {point} on {nodes} node(s): the output failed verification");
            }

            split.Add(await QualityMeasurement.MeasureAsync(output, source, ct).ConfigureAwait(false));
            segments.Add(outcome.Job.Segments.Count);
        }

        return new QualityRow(mode, point, ffmpeg, split.ToImmutable()) { FfmpegSegmentIdr = segmentIdr, SplitSegments = segments.ToImmutable() };
    }

    /// <summary>Plain ffmpeg's continuous encode of the clip, with <paramref name="gopArguments"/> on top of the common settings.</summary>
    private static async Task<QualityMeasure> FfmpegAsync(
        QualityBenchOptions options, string source, string folder, string mode, string point, string[] rateArguments, string[] gopArguments, CancellationToken ct)
    {
        var continuous = Path.Combine(folder, "ffmpeg.mp4");
        var run = await MediaToolRunner.RunAsync(MediaToolRunner.FFmpeg,
            ["-hide_banner", "-nostdin", "-y", "-v", "error", "-i", source, "-an", "-c:v", "libx264", "-preset", options.Preset,
             "-bf", SegmentEncodeSettings.MaxBFrames.ToString(CultureInfo.InvariantCulture), .. gopArguments, .. rateArguments, continuous], ToolTimeout, ct)
            .ConfigureAwait(false);
        return run.Succeeded
            ? await QualityMeasurement.MeasureAsync(continuous, source, ct).ConfigureAwait(false)
            : throw new MediaLibraryException($"ffmpeg {mode} {point} failed: {run.LastErrorLine}");
    }

    private static int KeyframeFrames(QualityBenchOptions o) => Math.Max(1, (int)Math.Round(o.FramesPerSecond * o.KeyframeSeconds));

    /// <summary>testsrc2 with temporal noise (every frame costs bits, as camera noise does), near-lossless, a keyframe per
    /// segment (or per second when the segments are sized for the cluster) and nowhere else: x264's scene-cut detection
    /// put keyframes at 1.7, 3.7, 5.67 … s of the 2 s clip, so the split got an extra 16-frame segment at the end and
    /// the "IDR every segment" reference a grid the split did not have.</summary>
    internal static async Task CreateClipAsync(QualityBenchOptions o, string path, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var lavfi = string.Create(inv, $"testsrc2=size={o.Width}x{o.Height}:rate={o.FramesPerSecond}:duration={o.Seconds},noise=alls=2:allf=t");
        var gop = KeyframeFrames(o).ToString(inv);
        var run = await MediaToolRunner.RunAsync(MediaToolRunner.FFmpeg,
            ["-hide_banner", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", lavfi, "-pix_fmt", "yuv420p",
             "-c:v", "libx264", "-preset", "veryfast", "-crf", "12", "-g", gop, "-keyint_min", gop, "-sc_threshold", "0", path], ToolTimeout, ct).ConfigureAwait(false);
        if (!run.Succeeded)
        {
            throw new MediaLibraryException($"ffmpeg could not create the reference clip: {run.LastErrorLine}");
        }
    }
}
