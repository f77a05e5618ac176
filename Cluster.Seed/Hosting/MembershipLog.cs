using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Vtr.Shared.Cluster;

namespace Vtr.Seed.Hosting;

/// <summary>
/// One people line per membership event a farm operator cares about: joined, member up / unreachable / reachable again /
/// left / removed. Clients (`vtr transcode`, come and go with each job) are shown only at debug.
/// </summary>
public sealed class MembershipLog : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);

    public MembershipLog()
    {
        Receive<ClusterEvent.MemberUp>(e => Say(e.Member, e.Member.Address == _cluster.SelfAddress ? "joined the cluster as" : "member up:"));
        Receive<ClusterEvent.MemberWeaklyUp>(e => Say(e.Member, "member up (weakly, until the cluster converges):"));
        Receive<ClusterEvent.UnreachableMember>(e => Say(e.Member, "member unreachable:", warning: true));
        Receive<ClusterEvent.ReachableMember>(e => Say(e.Member, "member reachable again:"));
        Receive<ClusterEvent.MemberLeft>(e => Say(e.Member, "member leaving:"));
        Receive<ClusterEvent.MemberRemoved>(e => Say(e.Member, e.PreviousStatus == MemberStatus.Down ? "member removed (downed):" : "member removed:"));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new MembershipLog());

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberWeaklyUp), typeof(ClusterEvent.UnreachableMember),
            typeof(ClusterEvent.ReachableMember), typeof(ClusterEvent.MemberLeft), typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Say(Member member, string what, bool warning = false)
    {
        var text = $"{what} {Describe(member)}";
        if (member.HasRole(ClusterNames.ClientRole) && !member.HasRole(ClusterNames.NodeRole))
        {
            _log.Debug(text);
        }
        else if (warning)
        {
            _log.Warning(text);
        }
        else
        {
            _log.Info(text);
        }
    }

    /// <summary>"seed|node|client HOST:PORT", as every membership line names a member.</summary>
    internal static string Describe(Member member)
    {
        var kind = member.HasRole(ClusterNames.SeedRole) ? "seed" : member.HasRole(ClusterNames.NodeRole) ? "node" : "client";
        return $"{kind} {member.Address.Host}:{member.Address.Port}";
    }
}
