using System.Collections.Immutable;
using Vtr.Shared.Cluster;

namespace Vtr.Seed.Jobs;

/// <summary>
/// The coordinator's whole state, without Akka: nodes with their capacity, jobs with pending segments
/// and outstanding leases. Every mutation returns what clients must be told; <see cref="Assign"/> hands
/// out new leases. Not thread-safe: the owning actor serialises access.
/// </summary>
public sealed partial class JobTable
{
    /// <summary>Failures of one job on one node after which the node is quarantined for that job.</summary>
    public const int QuarantineAfterFailures = 2;

    /// <summary>Failures of one segment after which the job fails once no untried eligible node remains.</summary>
    public const int MaxSegmentFailures = 3;

    /// <summary>Speed assumed for a node that has not measured itself yet, in frames per second.</summary>
    public const double UnknownNodeFps = 1.0;

    /// <summary>A running copy this many times past its expected time is a straggler: any idle node may copy it.</summary>
    public const double StragglerLateness = 2.0;

    private readonly TimeProvider _clock;
    private readonly Dictionary<NodeId, NodeState> _nodes = [];
    private readonly Dictionary<JobId, JobState> _jobs = [];
    private readonly List<JobId> _jobOrder = [];
    private readonly Dictionary<LeaseId, LeaseState> _leases = [];
    private int _nextJob;

    public JobTable(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

    public int NodeCount => _nodes.Count;

    public int JobCount => _jobs.Count;

    public bool HasJob(JobId jobId) => _jobs.ContainsKey(jobId);

    /// <summary>Adds or refreshes a node; its outstanding leases are kept.</summary>
    public void RegisterNode(RegisterNode info)
    {
        if (!_nodes.TryGetValue(info.NodeId, out var node))
        {
            node = new NodeState(info);
            _nodes.Add(info.NodeId, node);
        }

        // A node re-registering with a new coordinator (hand-over) may be busy with sessions this coordinator
        // never leased: count them at once, before the next Assign() offers its slots again.
        node.Info = info;
        node.RecordReport(info.SessionsInUse);
    }

    /// <summary>Records load and speed; false when the node is unknown (it must register first).</summary>
    public bool UpdateNodeStatus(NodeStatusReport report)
    {
        if (!_nodes.TryGetValue(report.NodeId, out var node))
        {
            return false;
        }

        node.RecordReport(report.SessionsInUse);
        node.RecordSpeed(report.MeasuredFps, report.SessionsInUse);
        return true;
    }

    /// <summary>
    /// The node's member became unreachable (true) or reachable again (false): an unreachable node gets no new lease and
    /// <c>vtr status</c> shows since when, until it answers again or the coordinator drops it. False when the node is unknown.
    /// </summary>
    public bool SetUnreachable(NodeId nodeId, bool unreachable)
    {
        if (!_nodes.TryGetValue(nodeId, out var node))
        {
            return false;
        }

        node.UnreachableSince = unreachable ? node.UnreachableSince ?? _clock.GetUtcNow() : null;
        return true;
    }

    /// <summary>Forgets a node: its leases are cancelled and their segments queued again.</summary>
    public TableChanges RemoveNode(NodeId nodeId)
    {
        if (!_nodes.Remove(nodeId, out var node))
        {
            return TableChanges.None;
        }

        var changes = new TableChanges.Builder();
        foreach (var leaseId in node.Leases.ToList())
        {
            var lease = _leases[leaseId];
            Release(lease);
            changes.Cancel(lease);
            var job = _jobs[lease.JobId];
            RequeueIfIdle(job, job.Segments[lease.SegmentIndex]);
        }

        return changes.Build();
    }

    /// <summary>Adds a job; false (and no change) when a job with this id is already known.</summary>
    public bool AddJob(SubmitJob submission)
    {
        if (_jobs.ContainsKey(submission.JobId))
        {
            return false;
        }

        _jobs.Add(submission.JobId, new JobState(submission));
        _jobOrder.Add(submission.JobId);
        return true;
    }

    /// <summary>Drops a job (its client is gone); its leases are returned as cancelled.</summary>
    public TableChanges RemoveJob(JobId jobId)
    {
        if (!_jobs.TryGetValue(jobId, out var job))
        {
            return TableChanges.None;
        }

        var changes = new TableChanges.Builder();
        CancelAllLeases(job, changes);
        Forget(job);
        return changes.Build();
    }

    /// <summary>
    /// The first completion of a segment wins, whichever lease it comes from (even one issued by an
    /// earlier coordinator); the segment's other leases are cancelled.
    /// </summary>
    public TableChanges CompleteSegment(SegmentCompleted completed)
    {
        if (!_jobs.TryGetValue(completed.JobId, out var job)
            || !job.Segments.TryGetValue(completed.SegmentIndex, out var segment))
        {
            return TableChanges.None;
        }

        if (_leases.TryGetValue(completed.LeaseId, out var own))
        {
            Release(own);
        }

        if (segment.Completed)
        {
            return TableChanges.None;
        }

        var changes = new TableChanges.Builder();
        segment.Completed = true;
        job.Pending.Remove(segment.Spec.Index);
        foreach (var loserId in segment.ActiveLeases.ToList())
        {
            var loser = _leases[loserId];
            Release(loser);
            changes.Lose(loser);
        }

        if (job.AllCompleted)
        {
            changes.Complete(job.Id);
            Forget(job);
        }

        return changes.Build();
    }

    /// <summary>What a failure report will mean, read before <see cref="FailSegment"/> applies it.</summary>
    public SegmentFailureKind Classify(SegmentFailed failed)
    {
        if (!_leases.TryGetValue(failed.LeaseId, out var lease) || !_jobs.TryGetValue(lease.JobId, out var job))
        {
            return SegmentFailureKind.LeaseGone;
        }

        return job.Segments[lease.SegmentIndex].ActiveLeases.Count > 1 ? SegmentFailureKind.OtherCopyRuns : SegmentFailureKind.Requeued;
    }

    /// <summary>
    /// A failed lease queues its segment again (unless a duplicate still runs), counts towards the node's
    /// quarantine for this job, and fails the job once the segment has exhausted the eligible nodes.
    /// </summary>
    public TableChanges FailSegment(SegmentFailed failed)
    {
        if (!_leases.TryGetValue(failed.LeaseId, out var lease) || !_jobs.TryGetValue(lease.JobId, out var job))
        {
            return TableChanges.None;
        }

        Release(lease);
        var segment = job.Segments[lease.SegmentIndex];
        segment.Failures++;
        segment.FailedOn.Add(lease.NodeId);
        segment.LastFailure = failed.Reason;
        var nodeFailures = job.FailuresByNode.GetValueOrDefault(lease.NodeId) + 1;
        job.FailuresByNode[lease.NodeId] = nodeFailures;
        if (nodeFailures >= QuarantineAfterFailures)
        {
            job.Quarantined.Add(lease.NodeId);
        }

        RequeueIfIdle(job, segment);
        var reason = ExhaustionReason(job, segment);
        if (reason is null)
        {
            return TableChanges.None;
        }

        var changes = new TableChanges.Builder();
        CancelAllLeases(job, changes);
        changes.Fail(job.Id, reason);
        Forget(job);
        return changes.Build();
    }

    /// <summary>Snapshot for <c>vtr status</c>.</summary>
    public ClusterStatus Snapshot()
    {
        var now = _clock.GetUtcNow();
        var nodes = _nodes.Values
            .OrderBy(n => n.Id.Value, StringComparer.Ordinal)
            .Select(n => new NodeView(
                n.Id, n.Info.Host, n.Info.Port, n.Info.Backend, n.Info.IsHardware, n.Info.MaxSessions,
                n.Leases.Count, n.ReportedInUse, n.MeasuredFps, n.Info.EncodeCodecs, n.Info.Version,
                (now - n.UnreachableSince)?.TotalSeconds))
            .ToImmutableArray();
        var jobs = _jobOrder
            .Select(id => _jobs[id])
            .Select(j => new JobView(
                j.Id, j.Submission.ClientName, j.Submission.Codec, j.Segments.Count,
                j.Segments.Values.Count(s => s.Completed), j.Pending.Count,
                j.Segments.Values.Sum(s => s.ActiveLeases.Count)))
            .ToImmutableArray();
        return new ClusterStatus(nodes, jobs);
    }

    private string? ExhaustionReason(JobState job, SegmentState segment)
    {
        var eligible = _nodes.Values.Where(job.IsEligible).ToList();
        if (eligible.Count == 0)
        {
            return $"segment {segment.Spec.Index}: no eligible node left for codec {job.Submission.Codec} "
                + $"(quarantined: {string.Join(", ", job.Quarantined)}); last error: {segment.LastFailure}";
        }

        var untried = eligible.Any(n => !segment.FailedOn.Contains(n.Id));
        return segment.Failures >= MaxSegmentFailures && !untried
            ? $"segment {segment.Spec.Index} failed {segment.Failures} times on every eligible node; last error: {segment.LastFailure}"
            : null;
    }

    private static void RequeueIfIdle(JobState job, SegmentState segment)
    {
        if (!segment.Completed && segment.ActiveLeases.Count == 0 && !job.Pending.Contains(segment.Spec.Index))
        {
            // Re-queued work is the oldest work: it goes first.
            job.Pending.Insert(0, segment.Spec.Index);
        }
    }

    private void CancelAllLeases(JobState job, TableChanges.Builder changes)
    {
        foreach (var lease in _leases.Values.Where(l => l.JobId == job.Id).ToList())
        {
            Release(lease);
            changes.Cancel(lease);
        }
    }

    private void Release(LeaseState lease)
    {
        _leases.Remove(lease.Id);
        if (_nodes.TryGetValue(lease.NodeId, out var node))
        {
            node.ReleaseLease(lease.Id);
        }

        if (_jobs.TryGetValue(lease.JobId, out var job) && job.Segments.TryGetValue(lease.SegmentIndex, out var segment))
        {
            segment.ActiveLeases.Remove(lease.Id);
        }
    }

    private void Forget(JobState job)
    {
        var position = _jobOrder.IndexOf(job.Id);
        _jobOrder.RemoveAt(position);
        if (position < _nextJob)
        {
            _nextJob--;
        }

        _jobs.Remove(job.Id);
    }
}
