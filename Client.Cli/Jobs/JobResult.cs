using System.Collections.Immutable;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Jobs;

/// <summary>The winning run of one segment.</summary>
public sealed record SegmentOutcome(LeaseId LeaseId, NodeId NodeId, int Frames, TimeSpan Elapsed);

/// <summary>How a job ended, with the winning lease of every completed segment by segment index.</summary>
public sealed record JobResult(
    JobId JobId,
    bool Succeeded,
    string? FailureReason,
    ImmutableSortedDictionary<int, SegmentOutcome> Segments);
