using System.Collections.Immutable;
using Vtr.Shared.Cluster;

namespace Vtr.Seed.Jobs;

/// <summary>
/// What a <see cref="JobTable"/> operation asks the coordinator to tell clients: leases to stop and jobs
/// that have finished; and nodes: copies of a segment that lost to another copy (<see cref="LostCopies"/>, each also
/// among the cancelled leases). New leases come from <see cref="JobTable.Assign"/> instead.
/// </summary>
public sealed record TableChanges(
    ImmutableArray<LeaseCancelled> CancelledLeases,
    ImmutableArray<JobCompleted> CompletedJobs,
    ImmutableArray<JobFailed> FailedJobs,
    ImmutableArray<(NodeId Node, SegmentCopyLost Notice)> LostCopies)
{
    public static readonly TableChanges None = new([], [], [], []);

    public bool IsEmpty => CancelledLeases.IsEmpty && CompletedJobs.IsEmpty && FailedJobs.IsEmpty;

    internal sealed class Builder
    {
        private readonly ImmutableArray<LeaseCancelled>.Builder _cancelled = ImmutableArray.CreateBuilder<LeaseCancelled>();
        private readonly ImmutableArray<JobCompleted>.Builder _completed = ImmutableArray.CreateBuilder<JobCompleted>();
        private readonly ImmutableArray<JobFailed>.Builder _failed = ImmutableArray.CreateBuilder<JobFailed>();
        private readonly ImmutableArray<(NodeId, SegmentCopyLost)>.Builder _lost = ImmutableArray.CreateBuilder<(NodeId, SegmentCopyLost)>();

        public void Cancel(LeaseState lease) =>
            _cancelled.Add(new LeaseCancelled(lease.JobId, lease.SegmentIndex, lease.Id));

        /// <summary>Cancels a copy because another copy of its segment finished first, and tells its node why.</summary>
        public void Lose(LeaseState lease)
        {
            Cancel(lease);
            _lost.Add((lease.NodeId, new SegmentCopyLost(lease.JobId, lease.SegmentIndex, lease.Id)));
        }

        public void Complete(JobId jobId) => _completed.Add(new JobCompleted(jobId));

        public void Fail(JobId jobId, string reason) => _failed.Add(new JobFailed(jobId, reason));

        public TableChanges Build() =>
            _cancelled.Count == 0 && _completed.Count == 0 && _failed.Count == 0
                ? None
                : new TableChanges(_cancelled.ToImmutable(), _completed.ToImmutable(), _failed.ToImmutable(), _lost.ToImmutable());
    }
}
