using Vtr.Shared.Cluster;

namespace Vtr.Seed.Jobs;

/// <summary>What the table knows about one registered node.</summary>
internal sealed class NodeState(RegisterNode info)
{
    public RegisterNode Info { get; set; } = info;

    /// <summary>Sessions the node said were busy in its last report or registration.</summary>
    public int ReportedInUse { get; private set; }

    /// <summary>Leases granted since that report: sessions the report cannot contain yet.</summary>
    public int LeasedSinceReport { get; private set; }

    public double MeasuredFps { get; set; }

    /// <summary>Frames per second one of its sessions encoded when last measured busy (its total over the sessions in use);
    /// kept while the node idles, when its own measurement falls to 0. 0 until first measured.</summary>
    public double SessionFps { get; private set; }

    public void RecordSpeed(double measuredFps, int sessionsInUse)
    {
        MeasuredFps = measuredFps;
        if (measuredFps > 0)
        {
            SessionFps = measuredFps / Math.Max(1, Math.Max(sessionsInUse, Leases.Count));
        }
    }

    /// <summary>Since when the cluster's failure detector has had this node's member unreachable; null while reachable.</summary>
    public DateTimeOffset? UnreachableSince { get; set; }

    public HashSet<LeaseId> Leases { get; } = [];

    public NodeId Id => Info.NodeId;

    /// <summary>
    /// Slots we may still lease. The node's own report may lag our leases, or include sessions we do not know
    /// about (an older coordinator's, after a hand-over): in use is our lease count, or the report plus what we
    /// leased since it, whichever is larger. A report after a session ends corrects an overestimate.
    /// </summary>
    public int FreeSlots => Math.Max(0, Info.MaxSessions - Math.Max(Leases.Count, ReportedInUse + LeasedSinceReport));

    public void RecordReport(int sessionsInUse)
    {
        ReportedInUse = sessionsInUse;
        LeasedSinceReport = 0;
    }

    public void RecordLease(LeaseId lease)
    {
        Leases.Add(lease);
        LeasedSinceReport++;
    }

    /// <summary>A lease that ends before any report counted it no longer adds to the estimate.</summary>
    public void ReleaseLease(LeaseId lease)
    {
        if (Leases.Remove(lease) && LeasedSinceReport > 0)
        {
            LeasedSinceReport--;
        }
    }

    public bool CanEncode(string codec) => Contains(Info.EncodeCodecs, codec);

    public bool CanDecode(string codec) => Contains(Info.DecodeCodecs, codec);

    private static bool Contains(IEnumerable<string> codecs, string codec) =>
        codecs.Any(c => string.Equals(c, codec, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One attempt of one segment on one node.</summary>
internal sealed record LeaseState(LeaseId Id, JobId JobId, int SegmentIndex, NodeId NodeId, DateTimeOffset StartedAt);

internal sealed class SegmentState(SegmentSpec spec)
{
    public SegmentSpec Spec { get; } = spec;

    public bool Completed { get; set; }

    public List<LeaseId> ActiveLeases { get; } = [];

    public int Failures { get; set; }

    public HashSet<NodeId> FailedOn { get; } = [];

    public string? LastFailure { get; set; }
}

internal sealed class JobState(SubmitJob submission)
{
    public SubmitJob Submission { get; } = submission;

    public JobId Id => Submission.JobId;

    public Dictionary<int, SegmentState> Segments { get; } =
        submission.Segments.ToDictionary(s => s.Index, s => new SegmentState(s));

    /// <summary>Segment indices waiting for a lease, oldest work first.</summary>
    public List<int> Pending { get; } = submission.Segments.Select(s => s.Index).Order().ToList();

    public Dictionary<NodeId, int> FailuresByNode { get; } = [];

    public HashSet<NodeId> Quarantined { get; } = [];

    public bool IsEligible(NodeState node) =>
        node.CanEncode(Submission.Codec) && !Quarantined.Contains(node.Id)
        && (Submission.EncoderFamily is null || string.Equals(node.Info.Backend, Submission.EncoderFamily, StringComparison.Ordinal));

    public bool AllCompleted => Segments.Values.All(s => s.Completed);
}

/// <summary>What a segment's failure report means to the table (<see cref="JobTable.Classify"/>).</summary>
public enum SegmentFailureKind
{
    /// <summary>The segment goes back in the queue (or its job fails, when no eligible node is left to try it).</summary>
    Requeued,

    /// <summary>Another copy of the segment is still running; nothing is queued.</summary>
    OtherCopyRuns,

    /// <summary>The table no longer holds the lease: the segment finished on another copy, or the lease was already
    /// released when its node was dropped. Nothing changes.</summary>
    LeaseGone,
}
