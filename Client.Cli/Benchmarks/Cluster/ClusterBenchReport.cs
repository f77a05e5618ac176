using System.Collections.Immutable;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>
/// Everything `vtr bench cluster` measured: the clip, the ffmpeg baseline (threads 1: one node's budget), one run per
/// node count (the first is the speed-up baseline) and the upstream bytes per frame of each transport.
/// </summary>
internal sealed record ClusterBenchReport(
    ClusterBenchOptions Options,
    int Frames,
    ClusterBenchRun SingleThreadFFmpeg,
    ImmutableArray<ClusterBenchRun> ClusterRuns,
    ImmutableArray<WireLoad> Wire,
    string LoadBefore,
    string LoadAfter)
{
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;

    /// <summary>How the nodes ran: "in-process", "processes" or "processes, pinned".</summary>
    public string NodeMode => !Options.Processes ? "in-process" : Options.Pin ? "processes, pinned" : "processes";

    /// <summary>fps of <paramref name="run"/> over the first cluster run's, scaled to one node (k=1 → 1.00).</summary>
    public double SpeedUp(ClusterBenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var baseline = ClusterRuns[0];
        return run.Fps / (baseline.Fps / baseline.Nodes);
    }

    /// <summary>Speed-up ÷ k: 1.0 when k nodes are k times one node.</summary>
    public double Efficiency(ClusterBenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return SpeedUp(run) / run.Nodes;
    }

    /// <summary>The efficiency the run's segments allow at best (<see cref="SegmentScheduleBound"/>).</summary>
    public static double BestEfficiency(ClusterBenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return SegmentScheduleBound.BestEfficiency(run.SegmentFrames, run.Nodes);
    }

    public double RatioToSingleThread(ClusterBenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Fps / SingleThreadFFmpeg.Fps;
    }
}
