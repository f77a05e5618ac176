using System.Collections.Immutable;
using Vtr.Cli.Media;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>
/// `vtr bench cluster`: generates one clip, works out what each transport sends per frame, then transcodes the clip
/// with plain ffmpeg (threads 1 and auto) and through embedded clusters of 1, 2, 3 and 3 mixed-speed nodes, rounds
/// interleaved so a burst of outside load hurts one run of each configuration rather than one configuration.
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
            progress($"generating {options.Width}x{options.Height}, {options.Seconds:0.#} s at {options.FramesPerSecond} fps (H.264 + AAC)");
            await SampleClipGenerator.CreateAsync(input, new SampleClipOptions
            {
                Width = options.Width,
                Height = options.Height,
                DurationSeconds = options.Seconds,
                FramesPerSecond = options.FramesPerSecond,
                KeyframeInterval = options.FramesPerSecond,
            }, ct).ConfigureAwait(false);
            var info = MediaProbe.Probe(input);
            var plans = SegmentPlanner.Plan(info, options.SegmentSeconds);
            var wire = WireBudget.Measure(info, plans);
            progress($"{info.FrameCount} frames, {plans.Length} segments; " + string.Join(", ", wire.Select(w => $"{w.Mode} {w.BytesPerFrame:0} B/frame")));

            var output = Path.Combine(directory, "out.mp4");
            var scenarios = ClusterScenario.For(options);
            ClusterBenchRun? single = null, auto = null;
            var cluster = new ClusterBenchRun?[scenarios.Length];
            for (var round = 0; round < Math.Max(1, options.Rounds); round++)
            {
                single = Keep(single, await FFmpegBaselineRun.RunAsync(options, 1, input, info.FrameCount, output, ct).ConfigureAwait(false), progress);
                auto = Keep(auto, await FFmpegBaselineRun.RunAsync(options, 0, input, info.FrameCount, output, ct).ConfigureAwait(false), progress);
                for (var i = 0; i < scenarios.Length; i++)
                {
                    cluster[i] = Keep(cluster[i], await ClusterTranscodeRun.RunAsync(options, scenarios[i], input, output, ct).ConfigureAwait(false), progress);
                }
            }

            return new ClusterBenchReport(options, info.FrameCount, plans.Length, single!, auto!,
                [.. cluster.Select(run => run!)], wire, loadBefore, LoadAverage());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ClusterBenchRun Keep(ClusterBenchRun? best, ClusterBenchRun run, Action<string> progress)
    {
        var shares = run.Shares.IsEmpty ? "" : " — segments " + string.Join(" / ", run.Shares.Select(s => $"{s.Preset} {s.Segments}"));
        progress($"{run.Name}: {run.Elapsed.TotalSeconds:0.00} s, {run.Fps:0.0} fps{shares}");
        return ClusterBenchRun.Fastest(best, run);
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
}
