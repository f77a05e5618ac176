using Akka.Cluster;
using Akka.TestKit;
using Vtr.Seed.Jobs;
using Vtr.Shared.Cluster;
using static Vtr.Cluster.Seed.Tests.Jobs.TableFixtures;

namespace Vtr.Cluster.Seed.Tests.Jobs;

/// <summary>
/// The coordinator's grace period for an unreachable node, on virtual time: the actor system is a one-member cluster
/// (127.0.0.1, port 0) on a <see cref="TestScheduler"/>; its own member stands for the node's machine (nodes registered
/// by local probes live there). <c>ClusterEndToEndSpecs</c> proves the same timer on real time with a crashed node.
/// </summary>
public sealed class UnreachableGraceSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private readonly TestProbe _client;
    private readonly TestProbe _node;
    private readonly Akka.Actor.IActorRef _coordinator;
    private readonly ManualClock _clock = new();

    public UnreachableGraceSpecs()
        : base("""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp.hostname = 127.0.0.1
            akka.remote.dot-netty.tcp.port = 0
            akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
            """)
    {
        _client = CreateTestProbe("client");
        _node = CreateTestProbe("node");
        _coordinator = Sys.ActorOf(JobCoordinator.Props(CreateTestProbe("mediator").Ref, _clock), "coordinator");
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private Member NodeMachine => Akka.Cluster.Cluster.Get(Sys).SelfMember;

    [Fact]
    public async Task A_node_unreachable_for_less_than_the_grace_keeps_its_segment_and_one_past_it_loses_it()
    {
        var lease = await LeasedToNodeAsync();

        _coordinator.Tell(new ClusterEvent.UnreachableMember(NodeMachine), Akka.Actor.ActorRefs.NoSender);
        Assert.Single((await StatusAsync()).Nodes); // also: the grace timer has started
        Scheduler.Advance(JobCoordinator.UnreachableGrace - Tick);
        Assert.Single((await StatusAsync()).Nodes);
        await _client.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        Scheduler.Advance(Tick);
        Assert.Equal(lease.LeaseId, (await _client.ExpectMsgAsync<LeaseCancelled>(Timeout)).LeaseId);
        Assert.Empty((await StatusAsync()).Nodes);

        _coordinator.Tell(Node("n1"), _node.Ref); // it comes back: the segment it lost is leased again
        var again = await _client.ExpectMsgAsync<SegmentLeased>(Timeout);
        Assert.Equal(lease.SegmentIndex, again.SegmentIndex);
        Assert.NotEqual(lease.LeaseId, again.LeaseId);
    }

    [Fact]
    public async Task A_node_reachable_again_within_the_grace_keeps_its_segment_for_good()
    {
        await LeasedToNodeAsync();

        _coordinator.Tell(new ClusterEvent.UnreachableMember(NodeMachine), Akka.Actor.ActorRefs.NoSender);
        await StatusAsync();
        Scheduler.Advance(JobCoordinator.UnreachableGrace - Tick);
        _coordinator.Tell(new ClusterEvent.ReachableMember(NodeMachine), Akka.Actor.ActorRefs.NoSender);
        await StatusAsync();
        Scheduler.Advance(JobCoordinator.UnreachableGrace * 3);

        Assert.Single((await StatusAsync()).Nodes);
        await _client.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task An_unreachable_node_shows_since_when_in_the_status_and_gets_no_segment_until_it_answers_again()
    {
        _coordinator.Tell(Node("n1", sessions: 2), _node.Ref);
        _coordinator.Tell(new ClusterEvent.UnreachableMember(NodeMachine), Akka.Actor.ActorRefs.NoSender);
        await StatusAsync(); // handled: the clock is only moved between the coordinator's messages
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(3, Assert.Single((await StatusAsync()).Nodes).UnreachableSeconds);

        _coordinator.Tell(Job("j", segments: 1), _client.Ref);
        await _client.ExpectMsgAsync<JobAccepted>(Timeout);
        await StatusAsync(); // a lease would have reached the client before this answer
        Assert.False(_client.HasMessages, "a segment was leased to an unreachable node");

        _coordinator.Tell(new ClusterEvent.ReachableMember(NodeMachine), Akka.Actor.ActorRefs.NoSender);
        Assert.Equal(0, (await _client.ExpectMsgAsync<SegmentLeased>(Timeout)).SegmentIndex);
        Assert.Null(Assert.Single((await StatusAsync()).Nodes).UnreachableSeconds);
    }

    private async Task<SegmentLeased> LeasedToNodeAsync()
    {
        _coordinator.Tell(Node("n1"), _node.Ref);
        _coordinator.Tell(Job("j", segments: 1), _client.Ref);
        await _client.ExpectMsgAsync<JobAccepted>(Timeout);
        return await _client.ExpectMsgAsync<SegmentLeased>(Timeout);
    }

    /// <summary>The coordinator's snapshot; its reply also proves every message told before it was handled.</summary>
    private async Task<ClusterStatus> StatusAsync()
    {
        var asker = CreateTestProbe();
        _coordinator.Tell(GetClusterStatus.Instance, asker.Ref);
        return await asker.ExpectMsgAsync<ClusterStatus>(Timeout);
    }
}
