using System.Collections.Immutable;

namespace Vtr.Cli.Benchmarks.Quality;

/// <summary>What `vtr bench quality` encodes: the reference clip, the rate points of each mode and the cluster sizes.</summary>
public sealed record QualityBenchOptions
{
    public int Width { get; init; } = 1280;

    public int Height { get; init; } = 720;

    /// <summary>A minute: long enough that the default plan cuts the segments a user's file gets, not a short clip's.</summary>
    public double Seconds { get; init; } = 60;

    public int FramesPerSecond { get; init; } = 30;

    /// <summary>
    /// Segment length of the split encodes; the clip then has a keyframe exactly this often. Null: sized for the cluster
    /// as `vtr transcode` does by default (<see cref="Media.SegmentSizing"/>), on a clip with a keyframe every
    /// <see cref="CameraKeyframeSeconds"/>.
    /// </summary>
    public double? SegmentSeconds { get; init; }

    /// <summary>The clip's keyframe interval when segments are sized for the cluster: a camera's, so the planner has cuts to choose from.</summary>
    public const double CameraKeyframeSeconds = 1;

    /// <summary>The clip's keyframe interval: every segment start when the length is fixed.</summary>
    public double KeyframeSeconds => SegmentSeconds ?? CameraKeyframeSeconds;

    public string Preset { get; init; } = "veryfast";

    /// <summary>Embedded cluster sizes the split encode runs on.</summary>
    public ImmutableArray<int> NodeCounts { get; init; } = [1, 3];

    /// <summary>Encoder sessions per embedded node. Sized segments follow the free sessions, so 4 (a default `vtr node`)
    /// cuts four times as many, shorter segments as 1.</summary>
    public int SessionsPerNode { get; init; } = 1;

    /// <summary>Four rate points of bitrate mode (bit/s), enough for a BD-rate.</summary>
    public ImmutableArray<long> Bitrates { get; init; } = [500_000, 1_000_000, 2_000_000, 4_000_000];

    /// <summary>Four rate points of quality mode (x264 crf).</summary>
    public ImmutableArray<double> Crfs { get; init; } = [33, 28, 23, 18];
}
