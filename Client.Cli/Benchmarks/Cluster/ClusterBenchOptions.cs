using System.Collections.Immutable;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>What `vtr bench cluster` measures: the generated clip, the node counts, how nodes run, the x264 preset and rate.</summary>
internal sealed record ClusterBenchOptions
{
    public int Width { get; init; } = 1280;

    public int Height { get; init; } = 720;

    /// <summary>Clip length; null = long enough for 4 GOPs per node at the largest node count (at least 10 s).</summary>
    public double? Seconds { get; init; }

    public int FramesPerSecond { get; init; } = 25;

    /// <summary>The clip's keyframe interval: the finest cut the planner can make.</summary>
    public double KeyframeSeconds { get; init; } = 0.5;

    /// <summary>Segment length; null = the product default, sized for the cluster (<see cref="Media.SegmentSizing"/>).</summary>
    public double? SegmentSeconds { get; init; }

    /// <summary>The node counts k to run, in order; the first is the speed-up baseline (normally 1).</summary>
    public ImmutableArray<int> Nodes { get; init; } = [1, 2];

    /// <summary>One real `vtr node` process per node (and a `vtr seed`) instead of nodes inside this process.</summary>
    public bool Processes { get; init; }

    /// <summary>With <see cref="Processes"/>: pin node i to core i (taskset), so nodes do not share a core while cores last.</summary>
    public bool Pin { get; init; }

    /// <summary>x264 preset of every node and of the ffmpeg baseline.</summary>
    public string Preset { get; init; } = "veryfast";

    public long Bitrate { get; init; } = 4_000_000;

    /// <summary>Runs the per-segment decode + PSNR/SSIM check as `vtr transcode` does (false: --no-quality-check, so the
    /// nodes do only what `ffmpeg -threads 1` does plus the final output check).</summary>
    public bool QualityCheck { get; init; } = true;

    /// <summary>Runs per configuration, interleaved; each reports its median.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Instead of the node-count configurations, pairs that differ only in farm TLS on the segments (--secure): the cost of a secured farm.</summary>
    public bool Secure { get; init; }

    /// <summary>The clip length used: <see cref="Seconds"/>, or enough GOPs for 4 segments per node at the largest k.</summary>
    public double ClipSeconds => Seconds ?? Math.Max(10, Media.SegmentSizing.SegmentsPerFreeSession * KeyframeSeconds * Nodes.DefaultIfEmpty(1).Max());
}
