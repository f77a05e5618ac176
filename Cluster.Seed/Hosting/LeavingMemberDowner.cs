using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Remote;

namespace Vtr.Seed.Hosting;

/// <summary>
/// Lets a member leave in about a second when another member crashed just before (SIGTERM to a seed whose only node was
/// killed, or to a node whose seed was): Akka's leave waits for convergence, which a crashed member that is not downed yet
/// blocks until CoordinatedShutdown's cluster-exiting phase times out (10 s). From the moment this member is Leaving, it
/// downs the members that are gone — their Akka.Remote connection closed while they were not leaving and was not opened
/// again, or the failure detector marked them unreachable — where <see cref="LeaveDowningRule"/> allows it. A closed
/// connection is the quick sign (a killed process's sockets close at once); a member that merely stops answering (power
/// cut, cable) is found by the failure detector seconds later, and downed then.
/// </summary>
public sealed class LeavingMemberDowner : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly Dictionary<Address, Member> _members = [];
    private readonly HashSet<Address> _unreachable = [];
    private readonly HashSet<Address> _disconnected = [];
    private readonly HashSet<Address> _downed = [];

    public LeavingMemberDowner()
    {
        Receive<ClusterEvent.CurrentClusterState>(OnSnapshot);
        Receive<ClusterEvent.MemberRemoved>(removed => Forget(removed.Member.Address));
        Receive<ClusterEvent.IMemberEvent>(changed => Update(() => _members[changed.Member.Address] = changed.Member));
        Receive<ClusterEvent.UnreachableMember>(e => Update(() => _unreachable.Add(e.Member.Address)));
        Receive<ClusterEvent.ReachableMember>(e => _unreachable.Remove(e.Member.Address));
        Receive<DisassociatedEvent>(e => Update(() => _disconnected.Add(e.RemoteAddress)));
        Receive<AssociatedEvent>(e => _disconnected.Remove(e.RemoteAddress));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new LeavingMemberDowner());

    protected override void PreStart()
    {
        // Connections are tracked from the start: the crash usually comes before the request to leave.
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
        Context.System.EventStream.Subscribe(Self, typeof(AssociatedEvent));
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _cluster.Unsubscribe(Self);
    }

    private void OnSnapshot(ClusterEvent.CurrentClusterState state)
    {
        foreach (var member in state.Members)
        {
            _members[member.Address] = member;
        }

        _unreachable.UnionWith(state.Unreachable.Select(m => m.Address));
        DownGoneMembersWhileLeaving();
    }

    /// <summary>A removed member's address may come back as a new incarnation: nothing seen of the old one applies to it.</summary>
    private void Forget(Address address)
    {
        _members.Remove(address);
        _unreachable.Remove(address);
        _disconnected.Remove(address);
        _downed.Remove(address);
    }

    private void Update(Action change)
    {
        change();
        DownGoneMembersWhileLeaving();
    }

    /// <summary>
    /// Unreachable, or its connection closed while it was not leaving. A leaving member closes its connections once it
    /// exited, which the gossip may tell this member a moment later; if it crashed instead, the failure detector says so.
    /// </summary>
    private bool IsGone(Member member) =>
        _unreachable.Contains(member.Address) || (_disconnected.Contains(member.Address) && member.Status != MemberStatus.Leaving);

    private void DownGoneMembersWhileLeaving()
    {
        // Only a member leaving of its own accord: a downed one (Down) is not asked to leave, it is told to go.
        if (!_members.TryGetValue(_cluster.SelfAddress, out var self) || self.Status is not (MemberStatus.Leaving or MemberStatus.Exiting))
        {
            return;
        }

        var sightings = _members.Values.Select(m => new MemberSighting(m.Address, _downed.Contains(m.Address) ? MemberStatus.Down : m.Status, IsGone(m)));
        foreach (var address in LeaveDowningRule.MembersToDown(sightings, self.Address))
        {
            var why = _unreachable.Contains(address) ? "unreachable" : "gone (its connection closed)";
            _log.Info("leaving: {Member} is {Why}; downing it so this member's leave can complete", MembershipLog.Describe(_members[address]), why);
            _downed.Add(address);
            _cluster.Down(address);
        }
    }
}
