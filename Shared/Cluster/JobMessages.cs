using System.Collections.Immutable;

namespace Vtr.Shared.Cluster;

/// <summary>A keyframe-aligned slice of the source, [StartPts, EndPts) in the source time base.</summary>
public sealed record SegmentSpec(int Index, long StartPts, long EndPts, int FrameCount);

/// <summary>How a client streams a segment to a node.</summary>
public enum SegmentTransport
{
    /// <summary>Decoded raw planes: the node cannot decode the source codec.</summary>
    Raw = 0,

    /// <summary>Compressed source packets: the node decodes them itself.</summary>
    Packets = 1,
}

/// <summary>
/// Client → coordinator. Sent again after <see cref="CoordinatorStarted"/> with only the unfinished
/// segments; a submission of a job the coordinator already knows is acknowledged and otherwise ignored.
/// <see cref="EncoderFamily"/> (`vtr transcode --same-encoder`) keeps the job on nodes of that backend
/// (<see cref="RegisterNode.Backend"/>); null = any node. Optional, so an older client's submission still deserializes.
/// </summary>
public sealed record SubmitJob(
    JobId JobId,
    string ClientName,
    string Codec,
    string SourceCodec,
    ImmutableArray<SegmentSpec> Segments,
    string? EncoderFamily = null) : IVtrClusterMessage;

/// <summary>Coordinator → client: the job is known and its segments are queued.</summary>
public sealed record JobAccepted(JobId JobId, int PendingSegments) : IVtrClusterMessage;

/// <summary>Coordinator → client: run segment <paramref name="SegmentIndex"/> on the given node endpoint.</summary>
public sealed record SegmentLeased(
    JobId JobId,
    int SegmentIndex,
    LeaseId LeaseId,
    NodeId NodeId,
    string Host,
    int Port,
    SegmentTransport Transport) : IVtrClusterMessage;

/// <summary>Client → coordinator: a lease finished its segment.</summary>
public sealed record SegmentCompleted(
    JobId JobId,
    int SegmentIndex,
    LeaseId LeaseId,
    int Frames,
    double ElapsedSeconds) : IVtrClusterMessage;

/// <summary>Client → coordinator: a lease failed; the segment is queued again.</summary>
public sealed record SegmentFailed(JobId JobId, int SegmentIndex, LeaseId LeaseId, string Reason) : IVtrClusterMessage;

/// <summary>Coordinator → client: stop this lease (a duplicate won the race, or its node left).</summary>
public sealed record LeaseCancelled(JobId JobId, int SegmentIndex, LeaseId LeaseId) : IVtrClusterMessage;

/// <summary>
/// Coordinator → node (its announcer): another copy of the segment finished first, so this node's copy under
/// <paramref name="LeaseId"/> (a straggler's duplicate, or the straggler itself) is cancelled. The node's session for
/// that lease says so on the console and stops, rather than ending as a session dropped midway.
/// </summary>
public sealed record SegmentCopyLost(JobId JobId, int SegmentIndex, LeaseId LeaseId) : IVtrClusterMessage;

/// <summary>Coordinator → client: every segment of the job has completed.</summary>
public sealed record JobCompleted(JobId JobId) : IVtrClusterMessage;

/// <summary>Coordinator → client: the job cannot finish.</summary>
public sealed record JobFailed(JobId JobId, string Reason) : IVtrClusterMessage;
