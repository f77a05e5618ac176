using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.TestKit;
using Vtr.Node.Membership;
using Vtr.Shared.Cluster;

namespace Vtr.Node.MacEncoder.Tests.Membership;

/// <summary>
/// The announcer's timers run on a <see cref="TestScheduler"/>: retries and periodic registrations happen when a spec
/// advances virtual time, and "nothing more was sent" is proven by a marker message, not by waiting.
/// </summary>
public sealed class NodeAnnouncerSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(5);
    private static RegisterNode Info { get; } =
        new(new NodeId("mini-1"), "10.0.0.7", 7000, "videotoolbox", true, ["h264", "hevc"], ["h264"], 3);

    private readonly TestProbe _coordinator;
    private readonly TestProbe _mediator;

    public NodeAnnouncerSpecs()
        : base("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
    {
        _coordinator = CreateTestProbe("coordinator");
        _mediator = CreateTestProbe("mediator");
    }

    [Fact]
    public async Task Announcer_subscribes_to_coordinator_announcements_and_registers_on_start()
    {
        StartAnnouncer();

        Assert.Equal(ClusterNames.CoordinatorTopic, (await _mediator.ExpectMsgAsync<Subscribe>(Timeout)).Topic);
        Assert.Equal(Info, await _coordinator.ExpectMsgAsync<RegisterNode>(Timeout));
        Assert.Equal(new NodeStatusReport(Info.NodeId, 0, 0), await _coordinator.ExpectMsgAsync<NodeStatusReport>(Timeout));
    }

    [Fact]
    public async Task Announcer_registers_again_with_its_latest_status_when_a_coordinator_starts()
    {
        var announcer = await StartedAnnouncerAsync();
        announcer.Tell(new SessionsChanged(2));
        await _coordinator.ExpectMsgAsync<NodeStatusReport>(Timeout);

        announcer.Tell(CoordinatorStarted.Instance);

        // The registration itself carries the busy sessions, so the new coordinator never over-leases the node.
        Assert.Equal(Info with { SessionsInUse = 2 }, await _coordinator.ExpectMsgAsync<RegisterNode>(Timeout));
        Assert.Equal(2, (await _coordinator.ExpectMsgAsync<NodeStatusReport>(Timeout)).SessionsInUse);
    }

    [Fact]
    public async Task Announcer_registers_again_when_the_coordinator_that_acknowledged_it_stops()
    {
        var announcer = await StartedAnnouncerAsync();
        var incarnation = CreateTestProbe("coordinator-incarnation"); // what the singleton proxy forwarded to
        announcer.Tell(new NodeRegistered(Info.NodeId), incarnation.Ref);
        await ExpectOnlyMarkerReportAsync(announcer, sessions: 1); // an acknowledgement alone sends nothing

        Sys.Stop(incarnation.Ref); // a hand-over stops the old singleton; no announcement reaches this node

        Assert.Equal(Info with { SessionsInUse = 1 }, await _coordinator.ExpectMsgAsync<RegisterNode>(Timeout));
        await _coordinator.ExpectMsgAsync<NodeStatusReport>(Timeout);
        await ExpectOnlyMarkerReportAsync(announcer, sessions: 1); // the retry timer is started by now
        // Until a new coordinator acknowledges, the registration is repeated every second (the first may have been lost)...
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Info with { SessionsInUse = 1 }, await _coordinator.ExpectMsgAsync<RegisterNode>(Timeout));
        await _coordinator.ExpectMsgAsync<NodeStatusReport>(Timeout);
        var successor = CreateTestProbe("coordinator-successor");
        announcer.Tell(new NodeRegistered(Info.NodeId), successor.Ref);
        await ExpectOnlyMarkerReportAsync(announcer, sessions: 4); // the acknowledgement is handled by now

        // ...and stops once one does: seconds later (the periodic registration is 5 minutes here) nothing but the
        // marker's report arrives.
        Scheduler.Advance(TimeSpan.FromSeconds(3));
        await ExpectOnlyMarkerReportAsync(announcer, sessions: 5);
    }

    [Fact]
    public async Task Session_and_speed_changes_are_forwarded_as_status_reports()
    {
        var announcer = await StartedAnnouncerAsync();

        announcer.Tell(new SessionsChanged(1));
        Assert.Equal(new NodeStatusReport(Info.NodeId, 1, 0), await _coordinator.ExpectMsgAsync<NodeStatusReport>(Timeout));
        announcer.Tell(new SpeedMeasured(212.5));
        Assert.Equal(new NodeStatusReport(Info.NodeId, 1, 212.5), await _coordinator.ExpectMsgAsync<NodeStatusReport>(Timeout));
    }

    [Fact]
    public async Task The_coordinators_word_that_a_copy_lost_reaches_the_sessions_by_its_lease()
    {
        var announcer = await StartedAnnouncerAsync();
        var sessions = CreateTestProbe("sessions");
        Sys.EventStream.Subscribe(sessions.Ref, typeof(Vtr.Node.Sessions.SessionProtocol.CopyLost));
        var lease = LeaseId.New();

        announcer.Tell(new SegmentCopyLost(new JobId("j"), 7, lease));

        Assert.Equal(new Vtr.Node.Sessions.SessionProtocol.CopyLost(lease.ConfigureValue, 7),
            await sessions.ExpectMsgAsync<Vtr.Node.Sessions.SessionProtocol.CopyLost>(Timeout));
    }

    [Fact]
    public async Task Announcer_re_registers_periodically()
    {
        var announcer = StartAnnouncer(reRegisterInterval: TimeSpan.FromSeconds(10));
        await _coordinator.ExpectMsgAsync<RegisterNode>(Timeout);
        await _coordinator.ExpectMsgAsync<NodeStatusReport>(Timeout);

        Scheduler.Advance(TimeSpan.FromSeconds(9));
        await ExpectOnlyMarkerReportAsync(announcer, sessions: 1); // not yet
        Scheduler.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(Info with { SessionsInUse = 1 }, await _coordinator.ExpectMsgAsync<RegisterNode>(Timeout));
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    /// <summary>
    /// Tells the announcer a session count and expects its report as the very next message to the coordinator:
    /// whatever the announcer had queued before (a timer tick, a registration) would have come out first.
    /// </summary>
    private async Task ExpectOnlyMarkerReportAsync(IActorRef announcer, int sessions)
    {
        announcer.Tell(new SessionsChanged(sessions));
        Assert.Equal(new NodeStatusReport(Info.NodeId, sessions, 0), await _coordinator.ExpectMsgAsync<NodeStatusReport>(Timeout));
    }

    private IActorRef StartAnnouncer(TimeSpan? reRegisterInterval = null) =>
        Sys.ActorOf(NodeAnnouncer.Props(Info, _coordinator.Ref, _mediator.Ref, reRegisterInterval ?? TimeSpan.FromMinutes(5)));

    private async Task<IActorRef> StartedAnnouncerAsync()
    {
        var announcer = StartAnnouncer();
        await _coordinator.ExpectMsgAsync<RegisterNode>(Timeout);
        await _coordinator.ExpectMsgAsync<NodeStatusReport>(Timeout);
        return announcer;
    }
}
