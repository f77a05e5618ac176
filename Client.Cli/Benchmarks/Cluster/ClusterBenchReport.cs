using System.Collections.Immutable;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>
/// Everything `vtr bench cluster` measured: the clip, the ffmpeg baselines (threads 1, then auto), the cluster
/// runs (the first is one node) and the upstream bytes per frame of each transport. Ratios are of frame rates.
/// </summary>
internal sealed record ClusterBenchReport(
    ClusterBenchOptions Options,
    int Frames,
    int Segments,
    ClusterBenchRun SingleThreadFFmpeg,
    ClusterBenchRun AutoThreadFFmpeg,
    ImmutableArray<ClusterBenchRun> ClusterRuns,
    ImmutableArray<WireLoad> Wire,
    string LoadBefore,
    string LoadAfter)
{
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;

    /// <summary>Baselines first, then the cluster runs.</summary>
    public ImmutableArray<ClusterBenchRun> AllRuns => [SingleThreadFFmpeg, AutoThreadFFmpeg, .. ClusterRuns];

    /// <summary>fps of <paramref name="run"/> over one node's; null for the baselines.</summary>
    public double? SpeedUp(ClusterBenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Shares.IsEmpty ? null : run.Fps / ClusterRuns[0].Fps;
    }

    public double RatioToSingleThread(ClusterBenchRun run) => Fps(run) / SingleThreadFFmpeg.Fps;

    public double RatioToAutoThreads(ClusterBenchRun run) => Fps(run) / AutoThreadFFmpeg.Fps;

    private static double Fps(ClusterBenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Fps;
    }
}
