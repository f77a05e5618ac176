using System.Collections.Immutable;

namespace Vtr.Shared.Cluster;

/// <summary>`vtr status` → coordinator; answered with <see cref="ClusterStatus"/>.</summary>
public sealed record GetClusterStatus : IVtrClusterMessage
{
    public static readonly GetClusterStatus Instance = new();

    private GetClusterStatus()
    {
    }
}

/// <summary>
/// One registered node as <c>vtr status</c> shows it; <see cref="Version"/> is null for a node older than the field.
/// <see cref="UnreachableSeconds"/>: how long the cluster has had the node unreachable (a crash not yet downed, a
/// network cut); null while it is reachable. An unreachable node's sessions are not free capacity.
/// </summary>
public sealed record NodeView(
    NodeId NodeId,
    string Host,
    int Port,
    string Backend,
    bool IsHardware,
    int MaxSessions,
    int ActiveLeases,
    int ReportedSessionsInUse,
    double MeasuredFps,
    ImmutableArray<string> EncodeCodecs,
    string? Version = null,
    double? UnreachableSeconds = null)
{
    public bool IsUnreachable => UnreachableSeconds is not null;
}

public sealed record JobView(
    JobId JobId,
    string ClientName,
    string Codec,
    int TotalSegments,
    int CompletedSegments,
    int PendingSegments,
    int ActiveLeases);

public sealed record ClusterStatus(ImmutableArray<NodeView> Nodes, ImmutableArray<JobView> Jobs) : IVtrClusterMessage;

/// <summary>
/// Published on <see cref="ClusterNames.CoordinatorTopic"/> whenever a JobCoordinator starts (first start
/// or singleton hand-over): nodes re-register and clients re-submit their unfinished segments.
/// </summary>
public sealed record CoordinatorStarted : IVtrClusterMessage
{
    public static readonly CoordinatorStarted Instance = new();

    private CoordinatorStarted()
    {
    }
}
