using System.Collections.Concurrent;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// Validated segment results of one job, by lease, written by runner tasks and read once the job ended. Only
/// successful runs are kept (a job holds at most one result per segment plus the rare duplicate that also finished),
/// so memory is bounded by about the size of the output video.
/// </summary>
public sealed class SegmentResultStore
{
    private readonly ConcurrentDictionary<LeaseId, EncodedSegment> _byLease = new();

    public void Add(EncodedSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        _byLease[segment.LeaseId] = segment;
    }

    /// <summary>The result of the winning lease of a segment; throws when it was never stored.</summary>
    public EncodedSegment Get(LeaseId leaseId) =>
        _byLease.TryGetValue(leaseId, out var segment)
            ? segment
            : throw new InvalidOperationException($"no stored result for lease {leaseId}");

    public int Count => _byLease.Count;
}
