using Vtr.Shared.Cluster;

namespace Vtr.Seed.Jobs;

/// <summary>
/// What <see cref="JobCoordinator"/> speaks. Every message crosses the cluster, so the records live in
/// <c>Shared/Cluster</c> (nodes and clients cannot reference this project):
/// <list type="bullet">
/// <item>from nodes: <see cref="RegisterNode"/> (answered <see cref="NodeRegistered"/>, which nodes watch), <see cref="NodeStatusReport"/>;</item>
/// <item>from clients: <see cref="SubmitJob"/> (answered <see cref="JobAccepted"/>; the sender is the job's
/// client and is watched), <see cref="SegmentCompleted"/>, <see cref="SegmentFailed"/>;</item>
/// <item>to clients: <see cref="SegmentLeased"/>, <see cref="LeaseCancelled"/>, <see cref="JobCompleted"/>,
/// <see cref="JobFailed"/>;</item>
/// <item>to nodes (the announcer that registered): <see cref="SegmentCopyLost"/> when another copy of a segment finished first;</item>
/// <item>from <c>vtr status</c>: <see cref="GetClusterStatus"/> → <see cref="ClusterStatus"/>;</item>
/// <item>published on <see cref="ClusterNames.CoordinatorTopic"/> in PreStart: <see cref="CoordinatorStarted"/>.</item>
/// </list>
/// Supervision: the coordinator has no children. It runs under the ClusterSingletonManager, which restarts
/// it on an exception; state is rebuilt from re-registrations and re-submissions after the
/// <see cref="CoordinatorStarted"/> announcement, exactly as after a hand-over.
/// </summary>
public static class JobCoordinatorProtocol
{
    /// <summary>Cluster role whose members may host the coordinator.</summary>
    public const string Role = ClusterNames.CoordinatorRole;
}
