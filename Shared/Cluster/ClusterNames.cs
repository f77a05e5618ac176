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

    /// <summary>Akka.Remote's address scheme of an open farm (plain TCP).</summary>
    public const string OpenProtocol = "akka.tcp";

    /// <summary>Akka.Remote's address scheme of a secured farm (DotNetty over TLS).</summary>
    public const string SecuredProtocol = "akka.ssl.tcp";

    /// <summary>The canonical address of the member at <paramref name="hostAndPort"/> in an open or a secured farm.</summary>
    public static string MemberAddress(string hostAndPort, bool secured) =>
        $"{(secured ? SecuredProtocol : OpenProtocol)}://{ActorSystemName}@{hostAndPort}";

    /// <summary>True for an address of either scheme (what a member book or a user may hold).</summary>
    public static bool IsMemberAddress(string text) =>
        text.StartsWith(OpenProtocol + "://", StringComparison.Ordinal) || text.StartsWith(SecuredProtocol + "://", StringComparison.Ordinal);

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
