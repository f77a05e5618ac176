using System.Collections.Immutable;

namespace Vtr.Shared.Cluster;

/// <summary>
/// A node announces itself (on start, periodically and on <see cref="CoordinatorStarted"/>).
/// Idempotent: a second registration of the same <see cref="NodeId"/> updates its capabilities.
/// <see cref="Version"/> (the node's <c>NUMBER+COMMIT</c>) came later: optional, so a registration from an older node
/// still deserializes (as null, shown as unknown by <c>vtr status</c>).
/// </summary>
public sealed record RegisterNode(
    NodeId NodeId,
    string Host,
    int Port,
    string Backend,
    bool IsHardware,
    ImmutableArray<string> EncodeCodecs,
    ImmutableArray<string> DecodeCodecs,
    int MaxSessions,
    int SessionsInUse = 0,
    string? Version = null) : IVtrClusterMessage;

/// <summary>
/// The coordinator's answer to <see cref="RegisterNode"/>. Its sender is the coordinator incarnation itself: the node
/// watches it and registers again when it stops (a hand-over's announcement can miss a member, pub-sub is at-most-once).
/// </summary>
public sealed record NodeRegistered(NodeId NodeId) : IVtrClusterMessage;

/// <summary>Load and speed of a node, sent whenever either changes.</summary>
public sealed record NodeStatusReport(NodeId NodeId, int SessionsInUse, double MeasuredFps) : IVtrClusterMessage;
