using System.Collections.Immutable;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>
/// One timed transcode of the clip: by a cluster of <see cref="Nodes"/> nodes (the frames of each segment and the
/// segments each node won) or by the plain ffmpeg baseline (<see cref="Nodes"/> 0, no segments).
/// <see cref="Elapsed"/> covers encoding and writing the output, not start-up.
/// </summary>
internal sealed record ClusterBenchRun(string Name, int Nodes, int Frames, TimeSpan Elapsed, ImmutableArray<int> SegmentFrames, ImmutableArray<int> SegmentsPerNode)
{
    public double Fps => Frames / Elapsed.TotalSeconds;

    /// <summary>The run with the median wall time of one configuration's rounds (the lower middle of an even count).</summary>
    public static ClusterBenchRun Median(IReadOnlyList<ClusterBenchRun> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentOutOfRangeException.ThrowIfZero(rounds.Count);
        return rounds.OrderBy(r => r.Elapsed).ElementAt((rounds.Count - 1) / 2);
    }
}
