using System.Collections.Immutable;
using Vtr.Shared.Cluster;

namespace Vtr.Seed.Jobs;

/// <summary>
/// What a <see cref="JobTable"/> operation asks the coordinator to tell clients: leases to stop and jobs
/// that have finished. New leases come from <see cref="JobTable.Assign"/> instead.
/// </summary>
public sealed record TableChanges(
    ImmutableArray<LeaseCancelled> CancelledLeases,
    ImmutableArray<JobCompleted> CompletedJobs,
    ImmutableArray<JobFailed> FailedJobs)
{
    public static readonly TableChanges None = new([], [], []);

    public bool IsEmpty => CancelledLeases.IsEmpty && CompletedJobs.IsEmpty && FailedJobs.IsEmpty;

    internal sealed class Builder
    {
        private readonly ImmutableArray<LeaseCancelled>.Builder _cancelled = ImmutableArray.CreateBuilder<LeaseCancelled>();
        private readonly ImmutableArray<JobCompleted>.Builder _completed = ImmutableArray.CreateBuilder<JobCompleted>();
        private readonly ImmutableArray<JobFailed>.Builder _failed = ImmutableArray.CreateBuilder<JobFailed>();

        public void Cancel(LeaseState lease) =>
            _cancelled.Add(new LeaseCancelled(lease.JobId, lease.SegmentIndex, lease.Id));

        public void Complete(JobId jobId) => _completed.Add(new JobCompleted(jobId));

        public void Fail(JobId jobId, string reason) => _failed.Add(new JobFailed(jobId, reason));

        public TableChanges Build() =>
            _cancelled.Count == 0 && _completed.Count == 0 && _failed.Count == 0
                ? None
                : new TableChanges(_cancelled.ToImmutable(), _completed.ToImmutable(), _failed.ToImmutable());
    }
}
