using System.Collections.Immutable;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>
/// One timed transcode of the clip: by the embedded cluster (segments won per node, in node order) or by a plain
/// ffmpeg baseline (no nodes). <see cref="Elapsed"/> covers encoding and writing the output, not startup.
/// </summary>
internal sealed record ClusterBenchRun(string Name, int Frames, TimeSpan Elapsed, ImmutableArray<NodeShare> Shares)
{
    public double Fps => Frames / Elapsed.TotalSeconds;

    /// <summary>The faster of two runs of the same configuration.</summary>
    public static ClusterBenchRun Fastest(ClusterBenchRun? best, ClusterBenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return best is null || run.Elapsed < best.Elapsed ? run : best;
    }
}

/// <summary>How many segments one node (named by its x264 preset) encoded in a run.</summary>
internal sealed record NodeShare(string Preset, int Segments);
