using Akka.Actor;
using Akka.Cluster;
using Vtr.Shared.Cluster;

namespace Vtr.Seed.Contact;

/// <summary>Writes the seed's <see cref="MemberBook"/> whenever a long-lived member (seed or node) comes up or is removed.</summary>
public sealed class MemberBookKeeper : ReceiveActor
{
    private readonly MemberBook _book;
    private readonly HashSet<string> _members = [];

    public MemberBookKeeper(MemberBook book)
    {
        _book = book;
        Receive<ClusterEvent.MemberUp>(up => Change(up.Member, add: true));
        Receive<ClusterEvent.MemberRemoved>(removed => Change(removed.Member, add: false));
    }

    public static Props Props(MemberBook book) => Akka.Actor.Props.Create(() => new MemberBookKeeper(book));

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private void Change(Member member, bool add)
    {
        if (member.HasRole(ClusterNames.ClientRole) || member.Address == Akka.Cluster.Cluster.Get(Context.System).SelfAddress)
        {
            return;
        }

        var changed = add ? _members.Add(member.Address.ToString()) : _members.Remove(member.Address.ToString());
        if (changed)
        {
            _book.Write(_members.Order(StringComparer.Ordinal));
        }
    }
}
