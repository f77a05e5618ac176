using Akka.Actor;
using Akka.Cluster;
using Vtr.Shared.Cluster;

namespace Vtr.Node.Membership;

/// <summary>
/// What a node can truthfully say when the job coordinator it registered with stops: which member takes it over (the
/// singleton moves to the oldest Up member with the coordinator role, this node included), that none can and it waits
/// for a seed, or nothing at all when this node is itself shutting down (no successor matters to it then).
/// </summary>
public static class CoordinatorSuccession
{
    /// <summary>The console line for the coordinator at <paramref name="stoppedAt"/> having stopped; null when this member is leaving.</summary>
    public static string? Describe(ActorSystem system, Address stoppedAt)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(stoppedAt);
        if (CoordinatedShutdown.Get(system).ShutdownReason is not null)
        {
            return null;
        }

        var stopped = $"the job coordinator on {Describe(stoppedAt)} stopped";
        if (((ExtendedActorSystem)system).Provider is not IClusterActorRefProvider)
        {
            return stopped + "; registering again";
        }

        var cluster = Akka.Cluster.Cluster.Get(system);
        if (cluster.SelfMember.Status is not (MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining))
        {
            return null;
        }

        var state = cluster.State;
        var heir = state.Members
            .Where(m => m.HasRole(ClusterNames.CoordinatorRole) && m.Status == MemberStatus.Up && m.Address != stoppedAt && !state.Unreachable.Contains(m))
            .Aggregate((Member?)null, (oldest, m) => oldest is null || m.IsOlderThan(oldest) ? m : oldest);
        if (heir is not null)
        {
            return heir.Address == cluster.SelfAddress
                ? stopped + "; this node takes it over and registers with it"
                : $"{stopped}; registering with the one taking over on {Describe(heir.Address)}";
        }

        var seeds = cluster.Settings.SeedNodes.Where(a => a != cluster.SelfAddress).Select(Describe).ToList();
        return seeds.Count == 0
            ? stopped + "; no member can take it over: this node registers again when a seed joins"
            : $"{stopped}; no member can take it over: waiting for a seed at {string.Join(", ", seeds)}, this node registers again when it is back";
    }

    private static string Describe(Address address) => $"{address.Host}:{address.Port}";
}
