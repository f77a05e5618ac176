using Vtr.Cli.Jobs;
using Vtr.Cli.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>A finished transcode: the verification report (output deleted when it failed), the job result, timings and quality.</summary>
public sealed record TranscodeOutcome(
    string InputPath,
    string OutputPath,
    VerificationReport Report,
    JobResult Job,
    int Frames,
    TimeSpan EncodeElapsed,
    TimeSpan TotalElapsed)
{
    /// <summary>Measured PSNR against the source, whole and per segment; null when verification failed.</summary>
    public SegmentQualityReport? Quality { get; init; }

    /// <summary>A --bitrate job's video bitrate against its target; null in quality mode.</summary>
    public BitrateReport? Bitrate { get; init; }
}
