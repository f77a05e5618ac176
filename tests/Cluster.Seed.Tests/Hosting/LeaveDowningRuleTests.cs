using Akka.Actor;
using Akka.Cluster;
using Vtr.Seed.Hosting;

namespace Vtr.Cluster.Seed.Tests.Hosting;

/// <summary>
/// A leaving member downs the members that are gone only where keep-majority keeps the members that stay: when nobody
/// stays, or when those who stay outnumber the gone ones; never on a tie or a minority, which the resolver settles.
/// </summary>
public sealed class LeaveDowningRuleTests
{
    private static readonly Address Self = At(4054);

    [Fact]
    public void A_seed_leaving_alone_with_its_crashed_node_downs_the_node()
    {
        var down = LeaveDowningRule.MembersToDown([Leaving(Self), Gone(15555)], Self);

        Assert.Equal(new[] { At(15555) }, down);
    }

    [Fact]
    public void Nothing_is_downed_while_every_other_member_is_there()
    {
        Assert.Empty(LeaveDowningRule.MembersToDown([Leaving(Self), Up(15555), Up(15556)], Self));
    }

    [Fact]
    public void Two_staying_members_outnumber_one_gone_so_it_is_downed()
    {
        var down = LeaveDowningRule.MembersToDown([Leaving(Self), Up(15555), Up(15556), Gone(15557)], Self);

        Assert.Equal(new[] { At(15557) }, down);
    }

    [Fact]
    public void One_staying_member_against_one_gone_is_a_tie_left_to_the_resolver()
    {
        Assert.Empty(LeaveDowningRule.MembersToDown([Leaving(Self), Up(15555), Gone(15556)], Self));
    }

    [Fact]
    public void A_minority_that_stays_never_downs_the_larger_side()
    {
        // This member and one other on one side of a partition, two on the other: the other side may be the one kept.
        Assert.Empty(LeaveDowningRule.MembersToDown([Leaving(Self), Up(15555), Gone(15556), Gone(15557)], Self));
    }

    [Fact]
    public void Members_already_down_or_exiting_neither_count_nor_are_downed_again()
    {
        MemberSighting[] members =
        [
            Leaving(Self), Up(15554), Up(15555),
            new(At(15556), MemberStatus.Down, Gone: true),
            new(At(15557), MemberStatus.Exiting, Gone: true),
            Gone(15558),
        ];

        Assert.Equal(new[] { At(15558) }, LeaveDowningRule.MembersToDown(members, Self));
    }

    [Fact]
    public void A_joining_member_that_is_gone_is_downed_but_a_joining_one_does_not_count_as_staying()
    {
        // Joining members do not count for keep-majority; one gone still blocks the leave's convergence.
        MemberSighting[] members = [Leaving(Self), new(At(15555), MemberStatus.Joining, Gone: false), Gone(15556)];

        Assert.Equal(new[] { At(15556) }, LeaveDowningRule.MembersToDown(members, Self));
    }

    private static Address At(int port) => new("akka.tcp", "vtr", "127.0.0.1", port);

    private static MemberSighting Leaving(Address address) => new(address, MemberStatus.Leaving, Gone: false);

    private static MemberSighting Up(int port) => new(At(port), MemberStatus.Up, Gone: false);

    private static MemberSighting Gone(int port) => new(At(port), MemberStatus.Up, Gone: true);
}
