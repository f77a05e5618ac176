namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>What `vtr bench cluster` measures: the generated clip, how it is cut, the x264 preset and rate.</summary>
internal sealed record ClusterBenchOptions
{
    public int Width { get; init; } = 1280;

    public int Height { get; init; } = 720;

    public double Seconds { get; init; } = 10;

    public int FramesPerSecond { get; init; } = 25;

    public double SegmentSeconds { get; init; } = 1;

    /// <summary>x264 preset of every node (and of both ffmpeg baselines); the mixed cluster varies it on purpose.</summary>
    public string Preset { get; init; } = "veryfast";

    /// <summary>The slow and fast presets of the mixed-speed cluster, around <see cref="Preset"/>.</summary>
    public string FastPreset { get; init; } = "ultrafast";

    public string SlowPreset { get; init; } = "medium";

    public long Bitrate { get; init; } = 4_000_000;

    /// <summary>Runs per configuration; each keeps its fastest (interference from other processes only ever adds).</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Instead of the node-count configurations, pairs that differ only in farm TLS on the segments (--secure): the cost of a secured farm.</summary>
    public bool Secure { get; init; }
}
