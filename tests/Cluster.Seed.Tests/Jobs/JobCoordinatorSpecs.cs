using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.TestKit;
using Vtr.Seed.Jobs;
using Vtr.Shared.Cluster;
using static Vtr.Cluster.Seed.Tests.Jobs.TableFixtures;

namespace Vtr.Cluster.Seed.Tests.Jobs;

public sealed class JobCoordinatorSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(5);

    private readonly TestProbe _mediator;
    private readonly TestProbe _client;
    private readonly TestProbe _node;
    private readonly IActorRef _coordinator;

    public JobCoordinatorSpecs()
    {
        _mediator = CreateTestProbe("mediator");
        _client = CreateTestProbe("client");
        _node = CreateTestProbe("node");
        _coordinator = Sys.ActorOf(JobCoordinator.Props(_mediator.Ref), "coordinator");
    }

    [Fact]
    public async Task A_registration_is_acknowledged_by_the_coordinator_itself_so_the_node_can_watch_it()
    {
        _coordinator.Tell(Node("n1"), _node.Ref);

        Assert.Equal("n1", (await _node.ExpectMsgAsync<NodeRegistered>(Timeout)).NodeId.Value);
        Assert.Equal(_coordinator, _node.LastSender);
    }

    [Fact]
    public async Task Coordinator_announces_itself_on_start()
    {
        var publish = await _mediator.ExpectMsgAsync<Publish>(Timeout);

        Assert.Equal(ClusterNames.CoordinatorTopic, publish.Topic);
        Assert.Same(CoordinatorStarted.Instance, publish.Message);
    }

    [Fact]
    public async Task Submitted_job_is_accepted_and_leased_to_a_registered_node()
    {
        _coordinator.Tell(Node("n1", sessions: 1), _node.Ref);
        _coordinator.Tell(Job("j", segments: 2), _client.Ref);

        Assert.Equal(2, (await _client.ExpectMsgAsync<JobAccepted>(Timeout)).PendingSegments);
        var lease = await _client.ExpectMsgAsync<SegmentLeased>(Timeout);

        Assert.Equal(("n1", 0, "n1.local", 7000), (lease.NodeId.Value, lease.SegmentIndex, lease.Host, lease.Port));
        await _client.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Completing_every_segment_completes_the_job()
    {
        _coordinator.Tell(Node("n1", sessions: 1), _node.Ref);
        _coordinator.Tell(Job("j", segments: 2), _client.Ref);
        await _client.ExpectMsgAsync<JobAccepted>(Timeout);

        _coordinator.Tell(Done(await _client.ExpectMsgAsync<SegmentLeased>(Timeout)), _client.Ref);
        _coordinator.Tell(Done(await _client.ExpectMsgAsync<SegmentLeased>(Timeout)), _client.Ref);

        Assert.Equal("j", (await _client.ExpectMsgAsync<JobCompleted>(Timeout)).JobId.Value);
    }

    [Fact]
    public async Task Losing_duplicate_is_cancelled_when_the_first_copy_completes()
    {
        var clock = new ManualClock();
        var coordinator = Sys.ActorOf(JobCoordinator.Props(_mediator.Ref, clock));
        coordinator.Tell(Node("n1"), _node.Ref);
        coordinator.Tell(Node("n2"), _node.Ref);
        coordinator.Tell(Job("j", segments: 1), _client.Ref);
        await _client.ExpectMsgAsync<JobAccepted>(Timeout);
        var original = await _client.ExpectMsgAsync<SegmentLeased>(Timeout);
        await _client.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200)); // no copy can win yet
        var duplicate = await StragglerCopyAsync(coordinator, clock, original);
        Assert.NotEqual(original.NodeId, duplicate.NodeId);

        coordinator.Tell(Done(duplicate), _client.Ref);

        Assert.Equal(original.LeaseId, (await _client.ExpectMsgAsync<LeaseCancelled>(Timeout)).LeaseId);
        await _client.ExpectMsgAsync<JobCompleted>(Timeout);
    }

    [Fact]
    public async Task The_node_of_a_losing_copy_is_told_its_copy_lost_and_the_winners_node_is_not()
    {
        var clock = new ManualClock();
        var coordinator = Sys.ActorOf(JobCoordinator.Props(_mediator.Ref, clock));
        var nodes = new Dictionary<NodeId, TestProbe> { [new NodeId("n1")] = CreateTestProbe("n1"), [new NodeId("n2")] = CreateTestProbe("n2") };
        foreach (var (id, probe) in nodes)
        {
            coordinator.Tell(Node(id.Value), probe.Ref);
            await probe.ExpectMsgAsync<NodeRegistered>(Timeout);
        }

        coordinator.Tell(Job("j", segments: 1), _client.Ref);
        await _client.ExpectMsgAsync<JobAccepted>(Timeout);
        var original = await _client.ExpectMsgAsync<SegmentLeased>(Timeout);
        var duplicate = await StragglerCopyAsync(coordinator, clock, original);

        coordinator.Tell(Done(duplicate), _client.Ref);

        Assert.Equal(new SegmentCopyLost(original.JobId, 0, original.LeaseId), await nodes[original.NodeId].ExpectMsgAsync<SegmentCopyLost>(Timeout));
        await _client.ExpectMsgAsync<LeaseCancelled>(Timeout);
        await _client.ExpectMsgAsync<JobCompleted>(Timeout);
        Assert.False(nodes[duplicate.NodeId].HasMessages, "the winning copy's node was told its copy lost");
    }

    [Fact]
    public async Task A_finished_job_counts_each_segment_once_however_many_copies_completed()
    {
        var clock = new ManualClock();
        var coordinator = Sys.ActorOf(JobCoordinator.Props(_mediator.Ref, clock));
        coordinator.Tell(Node("n1", sessions: 2), _node.Ref);
        coordinator.Tell(Node("n2"), _node.Ref);
        coordinator.Tell(Job("j", segments: 2), _client.Ref);
        await _client.ExpectMsgAsync<JobAccepted>(Timeout);
        var leases = new[] { await _client.ExpectMsgAsync<SegmentLeased>(Timeout), await _client.ExpectMsgAsync<SegmentLeased>(Timeout) };
        var onN1 = leases.Single(l => l.NodeId.Value == "n1");
        var onN2 = leases.Single(l => l.NodeId.Value == "n2");
        var copy = await StragglerCopyAsync(coordinator, clock, onN2); // n1's free session copies n2's segment

        // Both copies of n2's segment report done before the job ends: the job has 200 frames, not 300.
        await EventFilter.Info(contains: "finished: 200 frames").ExpectOneAsync(async () =>
        {
            coordinator.Tell(Done(copy), _client.Ref);
            coordinator.Tell(Done(onN2), _client.Ref);
            coordinator.Tell(Done(onN1), _client.Ref);
            await _client.FishForMessageAsync(m => m is JobCompleted, Timeout);
        });
    }

    /// <summary>Moves the clock far past the segment's expected time and lets a status report trigger assignment: the
    /// idle node copies the straggler.</summary>
    private async Task<SegmentLeased> StragglerCopyAsync(IActorRef coordinator, ManualClock clock, SegmentLeased original)
    {
        clock.Advance(TimeSpan.FromHours(1));
        coordinator.Tell(Speed(original.NodeId.Value, 0, inUse: 1));
        var copy = await _client.ExpectMsgAsync<SegmentLeased>(Timeout);
        Assert.Equal(original.SegmentIndex, copy.SegmentIndex);
        return copy;
    }

    [Fact]
    public async Task Failed_segment_is_leased_again()
    {
        _coordinator.Tell(Node("n1"), _node.Ref);
        _coordinator.Tell(Job("j", segments: 1), _client.Ref);
        await _client.ExpectMsgAsync<JobAccepted>(Timeout);

        _coordinator.Tell(Failed(await _client.ExpectMsgAsync<SegmentLeased>(Timeout)), _client.Ref);

        Assert.Equal(0, (await _client.ExpectMsgAsync<SegmentLeased>(Timeout)).SegmentIndex);
    }

    [Fact]
    public async Task Job_waits_for_a_capable_node_to_register()
    {
        _coordinator.Tell(Job("j", segments: 1, codec: "hevc"), _client.Ref);
        await _client.ExpectMsgAsync<JobAccepted>(Timeout);
        _coordinator.Tell(Node("h264-only"), _node.Ref);
        await _client.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        _coordinator.Tell(Node("hevc", encodes: ["hevc"]), _node.Ref);

        Assert.Equal("hevc", (await _client.ExpectMsgAsync<SegmentLeased>(Timeout)).NodeId.Value);
    }

    [Fact]
    public async Task Death_of_the_client_drops_its_job_and_frees_the_node()
    {
        var doomed = CreateTestProbe("doomed-client");
        _coordinator.Tell(Node("n1"), _node.Ref);
        _coordinator.Tell(Job("doomed", segments: 3), doomed.Ref);
        await doomed.ExpectMsgAsync<JobAccepted>(Timeout);
        await doomed.ExpectMsgAsync<SegmentLeased>(Timeout);

        Sys.Stop(doomed.Ref);
        await AwaitAssertAsync(
            async () =>
            {
                var status = await _coordinator.Ask<ClusterStatus>(GetClusterStatus.Instance, Timeout);
                Assert.Empty(status.Jobs);
                Assert.Equal(0, Assert.Single(status.Nodes).ActiveLeases);
            },
            Timeout);

        _coordinator.Tell(Job("next", segments: 1), _client.Ref);
        await _client.ExpectMsgAsync<JobAccepted>(Timeout);
        Assert.Equal("next", (await _client.ExpectMsgAsync<SegmentLeased>(Timeout)).JobId.Value);
    }

    [Fact]
    public async Task Status_lists_nodes_with_their_speed_and_jobs_with_their_progress()
    {
        _coordinator.Tell(Node("n1", sessions: 2), _node.Ref);
        _coordinator.Tell(Speed("n1", 240), _node.Ref);
        _coordinator.Tell(Job("j", segments: 3), _client.Ref);
        await _client.ExpectMsgAsync<JobAccepted>(Timeout);

        _coordinator.Tell(GetClusterStatus.Instance, TestActor);
        var status = await ExpectMsgAsync<ClusterStatus>(Timeout);

        var node = Assert.Single(status.Nodes);
        Assert.Equal((240.0, 2), (node.MeasuredFps, node.ActiveLeases));
        var job = Assert.Single(status.Jobs);
        Assert.Equal((3, 0, 1, 2), (job.TotalSegments, job.CompletedSegments, job.PendingSegments, job.ActiveLeases));
    }
}
