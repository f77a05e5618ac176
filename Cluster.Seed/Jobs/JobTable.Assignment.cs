using System.Collections.Immutable;
using Vtr.Shared.Cluster;

namespace Vtr.Seed.Jobs;

public sealed partial class JobTable
{
    /// <summary>
    /// Fills every free session slot, one lease at a time to the least loaded node (busy sessions over its limit; then
    /// the faster node), so a job uses every idle node before any node runs two of its segments. A slot pulls the next
    /// pending segment of the next job in round-robin order that it may run (codec, quarantine); with nothing pending
    /// it duplicates the slowest outstanding segment (relative to its expected time) from another node, when the copy can
    /// win (<see cref="WorthCopying"/>). An unreachable
    /// node gets nothing: its client could not reach it either.
    /// </summary>
    public ImmutableArray<SegmentLeased> Assign()
    {
        var leases = ImmutableArray.CreateBuilder<SegmentLeased>();
        var now = _clock.GetUtcNow();
        var candidates = _nodes.Values.Where(n => n.FreeSlots > 0 && n.UnreachableSince is null).ToList();
        while (candidates.Count > 0)
        {
            var node = candidates
                .OrderBy(Load)
                .ThenByDescending(n => n.MeasuredFps)
                .ThenBy(n => n.Id.Value, StringComparer.Ordinal)
                .First();
            var next = TakePending(node, candidates) ?? TakeDuplicate(node, now);
            if (next is not { } pick)
            {
                candidates.Remove(node);
                continue;
            }

            leases.Add(Lease(pick.Job, pick.Segment, node, now));
            if (node.FreeSlots == 0)
            {
                candidates.Remove(node);
            }
        }

        return leases.ToImmutable();
    }

    /// <summary>The share of a node's sessions in use (leases or its report, whichever is larger).</summary>
    private static double Load(NodeState node) =>
        (double)(node.Info.MaxSessions - node.FreeSlots) / Math.Max(1, node.Info.MaxSessions);

    /// <summary>The next pending segment for <paramref name="node"/>: one it has not failed yet; one it failed only when no
    /// other free node of <paramref name="candidates"/> could try it instead.</summary>
    private (JobState Job, SegmentState Segment)? TakePending(NodeState node, List<NodeState> candidates)
    {
        for (var step = 0; step < _jobOrder.Count; step++)
        {
            var position = (_nextJob + step) % _jobOrder.Count;
            var job = _jobs[_jobOrder[position]];
            if (job.Pending.Count == 0 || !job.IsEligible(node))
            {
                continue;
            }

            var untried = job.Pending.FindIndex(i => !job.Segments[i].FailedOn.Contains(node.Id));
            if (untried < 0 && candidates.Any(other => other != node && job.IsEligible(other)
                && job.Pending.Any(i => !job.Segments[i].FailedOn.Contains(other.Id))))
            {
                continue;
            }

            var index = untried >= 0 ? job.Pending[untried] : job.Pending[0];
            job.Pending.Remove(index);
            _nextJob = (position + 1) % _jobOrder.Count;
            return (job, job.Segments[index]);
        }

        return null;
    }

    private (JobState Job, SegmentState Segment)? TakeDuplicate(NodeState node, DateTimeOffset now)
    {
        (JobState Job, SegmentState Segment)? best = null;
        var bestScore = double.NegativeInfinity;
        foreach (var job in _jobOrder.Select(id => _jobs[id]).Where(j => j.IsEligible(node)))
        {
            foreach (var segment in job.Segments.Values)
            {
                // At most one duplicate per segment, never on the node already running it.
                if (segment.Completed || segment.ActiveLeases.Count != 1)
                {
                    continue;
                }

                var running = _leases[segment.ActiveLeases[0]];
                if (running.NodeId == node.Id)
                {
                    continue;
                }

                var score = Lateness(running, segment, now);
                if (score > bestScore && WorthCopying(running, segment, score, node))
                {
                    bestScore = score;
                    best = (job, segment);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// A copy costs a session (on a shared host, CPU the original needs), so it is made only when it can win, as in
    /// LATE (Zaharia et al., OSDI 2008): the running copy is a straggler, past <see cref="StragglerLateness"/> times its
    /// expected time (a stalled or overloaded node), or the idle node would encode the whole segment before the running
    /// copy is expected to finish (a fast Mac freeing up while a slow node has just begun).
    /// </summary>
    private bool WorthCopying(LeaseState running, SegmentState segment, double lateness, NodeState idle)
    {
        if (lateness >= StragglerLateness)
        {
            return true;
        }

        var frames = Math.Max(segment.Spec.FrameCount, 1);
        var remainingSeconds = (1 - lateness) * ExpectedSeconds(running.NodeId, frames);
        return idle.SessionFps > 0 && frames / idle.SessionFps < remainingSeconds;
    }

    /// <summary>Time running divided by the time one session of the running node should need for the segment.</summary>
    private double Lateness(LeaseState lease, SegmentState segment, DateTimeOffset now) =>
        (now - lease.StartedAt).TotalSeconds / ExpectedSeconds(lease.NodeId, Math.Max(segment.Spec.FrameCount, 1));

    private double ExpectedSeconds(NodeId nodeId, int frames) =>
        frames / (_nodes.TryGetValue(nodeId, out var node) && node.SessionFps > 0 ? node.SessionFps : UnknownNodeFps);

    private SegmentLeased Lease(JobState job, SegmentState segment, NodeState node, DateTimeOffset now)
    {
        var lease = new LeaseState(LeaseId.New(), job.Id, segment.Spec.Index, node.Id, now);
        _leases.Add(lease.Id, lease);
        node.RecordLease(lease.Id);
        segment.ActiveLeases.Add(lease.Id);
        var transport = node.CanDecode(job.Submission.SourceCodec) ? SegmentTransport.Packets : SegmentTransport.Raw;
        return new SegmentLeased(job.Id, segment.Spec.Index, lease.Id, node.Id, node.Info.Host, node.Info.Port, transport);
    }
}
