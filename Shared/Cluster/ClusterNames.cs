namespace Vtr.Shared.Cluster;

/// <summary>Names every cluster member must agree on: system name, roles, singleton and topic.</summary>
public static class ClusterNames
{
    /// <summary>The ActorSystem name of every vtr process; members of differently named systems cannot join.</summary>
    public const string ActorSystemName = "vtr";

    public const string SeedRole = "seed";
    public const string NodeRole = "node";
    public const string ClientRole = "client";

    /// <summary>Members that may host the JobCoordinator singleton: every seed and every node, so the coordinator
    /// moves to a surviving member when the seed process dies. Clients come and go with their jobs and never host it.</summary>
    public const string CoordinatorRole = "coordinator";

    /// <summary>Name of the JobCoordinator singleton (manager and proxy use the same name).</summary>
    public const string CoordinatorSingletonName = "job-coordinator";

    /// <summary>DistributedPubSub topic on which <see cref="CoordinatorStarted"/> is announced.</summary>
    public const string CoordinatorTopic = "vtr-coordinator";
}

/// <summary>
/// Akka.Hosting registry key for the JobCoordinator singleton proxy. It lives in Shared so nodes and
/// clients can look the proxy up without referencing the seed project.
/// </summary>
public sealed class JobCoordinatorKey
{
    private JobCoordinatorKey()
    {
    }
}
