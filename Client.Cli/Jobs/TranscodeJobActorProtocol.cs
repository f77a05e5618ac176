using Vtr.Shared.Cluster;

namespace Vtr.Cli.Jobs;

// TranscodeJobActor speaks SubmitJob/SegmentCompleted/SegmentFailed to the coordinator and receives
// JobAccepted, SegmentLeased, LeaseCancelled, JobCompleted, JobFailed and CoordinatorStarted (Shared/Cluster).
// Progress goes to the injected listener as the SegmentProgress records below, never as shared state.
// Supervision: no children; segment runs are Tasks whose results come back via PipeTo.

/// <summary>Progress of one lease, sent to the job's progress listener.</summary>
public abstract record SegmentProgress(JobId JobId, int SegmentIndex, LeaseId LeaseId);

/// <summary>A lease arrived and its segment started streaming to the node.</summary>
public sealed record SegmentStarted(JobId JobId, int SegmentIndex, LeaseId LeaseId, NodeId NodeId, string Host, int Port, SegmentTransport Transport)
    : SegmentProgress(JobId, SegmentIndex, LeaseId);

/// <summary>The lease encoded its segment.</summary>
public sealed record SegmentFinished(JobId JobId, int SegmentIndex, LeaseId LeaseId, int Frames, TimeSpan Elapsed)
    : SegmentProgress(JobId, SegmentIndex, LeaseId);

/// <summary>The lease failed; the coordinator will lease the segment again.</summary>
public sealed record SegmentRunFailed(JobId JobId, int SegmentIndex, LeaseId LeaseId, string Reason)
    : SegmentProgress(JobId, SegmentIndex, LeaseId);

/// <summary>The coordinator cancelled the lease (a duplicate won, or the node left).</summary>
public sealed record SegmentRunCancelled(JobId JobId, int SegmentIndex, LeaseId LeaseId)
    : SegmentProgress(JobId, SegmentIndex, LeaseId);

/// <summary>A run's Task finished (piped to self).</summary>
internal sealed record LeaseRunFinished(LeaseId LeaseId, SegmentRunResult Result);

/// <summary>Timer: the submission was not acknowledged in time; submit again.</summary>
internal sealed record SubmitRetryTick
{
    public static readonly SubmitRetryTick Instance = new();

    private SubmitRetryTick()
    {
    }
}
