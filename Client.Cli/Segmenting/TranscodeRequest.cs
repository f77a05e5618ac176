using System.Collections.Immutable;
using Vtr.Node.Codecs.FFmpeg;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// One `vtr transcode`: input (null = generate a sample clip), output, cluster (seeds, or an embedded cluster of
/// <see cref="EmbeddedNodes"/> nodes) and how segments are cut (<see cref="SegmentSeconds"/>; null = sized for the
/// cluster at submit time by <see cref="Media.SegmentSizing"/>) and encoded.
/// </summary>
public sealed record TranscodeRequest(
    string? InputPath,
    string OutputPath,
    ImmutableArray<string> Seeds,
    SegmentEncodeSettings Encode,
    double? SegmentSeconds,
    int EmbeddedNodes)
{
    /// <summary>How long joining a reachable but slow cluster, and waiting for a node that can encode the codec, may take
    /// (--join-timeout); a seed that refuses the connection is reported at once.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Sessions per embedded node; 0 = share the machine's cores between the nodes.</summary>
    public int EmbeddedSessionsPerNode { get; init; }

    /// <summary>Replace an existing output (-y); without it an existing output is refused before any work.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Reuse the segments a stopped run of the same input and settings finished (off with --no-resume).</summary>
    public bool Resume { get; init; } = true;

    /// <summary>Nodes that must have registered before segments are sized and submitted; 0 = every embedded node, or
    /// the first node that encodes the codec on a --seed cluster (the benchmark knows how many it started).</summary>
    public int ExpectedNodes { get; init; }

    /// <summary>How far (dB PSNR) a segment of a --quality/--crf job may land from the job's median segment before it is
    /// re-encoded (--quality-spread); 0 = measure only (<see cref="EvenQualityPolicy"/>).</summary>
    public double QualitySpreadDb { get; init; } = EvenQualityPolicy.DefaultToleranceDb;

    /// <summary>The per-segment check (decode, PSNR, SSIM, even-quality re-encodes); off (--no-quality-check) the output
    /// is only verified, with one full decode after the job, and no quality lines are printed.</summary>
    public bool QualityCheck { get; init; } = true;

    /// <summary>Keep each job on one encoder family (--same-encoder): the backend with the most sessions for the codec
    /// (<see cref="EncoderFamilyChoice"/>), its re-encodes included.</summary>
    public bool SameEncoder { get; init; }

    /// <summary>libavcodec options (preset, threads) of each embedded node, in node order; empty = the defaults for all.</summary>
    public ImmutableArray<FFmpegBackendOptions> EmbeddedNodeBackends { get; init; } = [];

    /// <summary>Farm credentials for the embedded cluster's segment traffic (`vtr bench cluster --secure`); null = plain VTR1.</summary>
    public Vtr.Shared.Security.FarmCredentials? EmbeddedSegmentFarm { get; init; }
}
