using System.Collections.Immutable;
using Vtr.Cli.Media;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>
/// `vtr bench cluster`: generates one clip, works out what each transport sends per frame, then transcodes the clip
/// with plain `ffmpeg -threads 1` and with k one-session, one-thread nodes for every k asked, rounds interleaved so a
/// burst of outside load hurts one run of each configuration rather than one configuration; each reports its median.
/// </summary>
internal static class ClusterBenchmark
{
    public static async Task<ClusterBenchReport> RunAsync(ClusterBenchOptions options, Action<string> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var loadBefore = LoadAverage();
        var directory = Directory.CreateTempSubdirectory("vtr-bench-cluster-").FullName;
        try
        {
            var input = Path.Combine(directory, "clip.mp4");
            progress($"generating {options.Width}x{options.Height}, {options.ClipSeconds:0.#} s at {options.FramesPerSecond} fps, "
                + $"a keyframe every {options.KeyframeSeconds:0.##} s (H.264 + AAC)");
            await SampleClipGenerator.CreateAsync(input, new SampleClipOptions
            {
                Width = options.Width,
                Height = options.Height,
                DurationSeconds = options.ClipSeconds,
                FramesPerSecond = options.FramesPerSecond,
                KeyframeInterval = Math.Max(1, (int)Math.Round(options.FramesPerSecond * options.KeyframeSeconds)),
            }, ct).ConfigureAwait(false);
            var info = MediaProbe.Probe(input);
            var plans = options.SegmentSeconds is { } seconds ? SegmentPlanner.Plan(info, seconds) : SegmentSizing.PlanByCount(info, 1).Plans;
            var wire = WireBudget.Measure(info, plans);
            progress($"{info.FrameCount} frames; " + string.Join(", ", wire.Select(w => $"{w.Mode} {w.BytesPerFrame:0} B/frame")));

            var output = Path.Combine(directory, "out.mp4");
            var baseline = new List<ClusterBenchRun>();
            var scenarios = ClusterScenario.For(options);
            var runs = scenarios.Select(_ => new List<ClusterBenchRun>()).ToArray();
            for (var round = 0; round < Math.Max(1, options.Rounds); round++)
            {
                baseline.Add(Report(await FFmpegBaselineRun.RunAsync(options, input, info.FrameCount, output, ct).ConfigureAwait(false), progress));
                for (var i = 0; i < scenarios.Length; i++)
                {
                    runs[i].Add(Report(await ClusterTranscodeRun.RunAsync(options, scenarios[i], SegmentSecondsFor(options, info, scenarios[i]), input, output, ct).ConfigureAwait(false), progress));
                }
            }

            return new ClusterBenchReport(options, info.FrameCount, ClusterBenchRun.Median(baseline),
                [.. runs.Select(ClusterBenchRun.Median)], wire, loadBefore, LoadAverage());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ClusterBenchRun Report(ClusterBenchRun run, Action<string> progress)
    {
        var shares = run.SegmentsPerNode.IsEmpty ? "" : $" — {run.SegmentFrames.Length} segments, per node " + string.Join(" / ", run.SegmentsPerNode);
        progress($"{run.Name}: {run.Elapsed.TotalSeconds:0.00} s, {run.Fps:0.0} fps{shares}");
        return run;
    }

    /// <summary>The 1/5/15-minute load averages (Linux), or "n/a".</summary>
    private static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return fields.Length >= 3 ? string.Join(' ', fields[..3]) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    /// <summary>The fixed length, or the count rule's length for the run's k one-session nodes: without the product's
    /// floors on segment length (<see cref="SegmentSizing.BitrateMinSeconds"/>), which would leave nodes idle on the
    /// bench's short clip; this bench measures what the k-th node adds, not the split's compression cost.</summary>
    private static double SegmentSecondsFor(ClusterBenchOptions options, MediaInfo info, ClusterScenario scenario) =>
        options.SegmentSeconds ?? SegmentSizing.PlanByCount(info, scenario.Nodes).SegmentSeconds;
}
