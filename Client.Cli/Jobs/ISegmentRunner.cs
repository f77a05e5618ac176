using Vtr.Shared.Cluster;

namespace Vtr.Cli.Jobs;

/// <summary>
/// Streams one segment to the leased node session over VTR1 and collects the encoded result.
/// Implementations honour <c>cancellationToken</c> promptly (a cancelled lease lost its race) and report
/// an encoder or transport problem as a failed <see cref="SegmentRunResult"/> rather than throwing;
/// an exception is treated as a failure with its message as the reason.
/// </summary>
public interface ISegmentRunner
{
    Task<SegmentRunResult> RunAsync(SegmentLease lease, CancellationToken cancellationToken);
}

/// <summary>Everything a runner needs to run one segment on one node session.</summary>
public sealed record SegmentLease(
    JobId JobId,
    SegmentSpec Segment,
    LeaseId LeaseId,
    NodeId NodeId,
    string Host,
    int Port,
    SegmentTransport Transport,
    string Codec,
    string SourceCodec);

/// <summary>Outcome of one run: frames encoded and time taken, or why it failed.</summary>
public sealed record SegmentRunResult(bool Succeeded, int Frames, TimeSpan Elapsed, string? FailureReason)
{
    public static SegmentRunResult Success(int frames, TimeSpan elapsed) => new(true, frames, elapsed, null);

    public static SegmentRunResult Failure(string reason) => new(false, 0, TimeSpan.Zero, reason);
}
