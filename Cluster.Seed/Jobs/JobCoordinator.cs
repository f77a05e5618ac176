using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Vtr.Shared.Cluster;

namespace Vtr.Seed.Jobs;

/// <summary>
/// The cluster singleton that leases segments to node sessions. All decisions are made by the pure
/// <see cref="JobTable"/>; this actor translates membership, death watch and messages into table calls
/// and routes the table's answers to the clients that submitted the jobs.
/// </summary>
public sealed class JobCoordinator : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly JobTable _table;
    private readonly IActorRef _mediator;
    private readonly Dictionary<JobId, IActorRef> _clients = [];
    /// <summary>Each registered node's announcer (told when its copy of a segment lost) and the member it lives on.</summary>
    private readonly Dictionary<NodeId, (IActorRef Announcer, Address Member)> _nodes = [];
    private readonly Dictionary<JobId, JobClock> _jobClocks = [];

    /// <summary>
    /// How long a node may stay unreachable before its segments are queued again: a node that only paused (a GC, a
    /// saturated machine) keeps its work; a crashed one loses it well before the split-brain resolver downs it (~15 s).
    /// </summary>
    public static readonly TimeSpan UnreachableGrace = TimeSpan.FromSeconds(5);

    private const string RemovedReason = "removed";

    public JobCoordinator(IActorRef mediator, TimeProvider? clock = null)
    {
        _mediator = mediator;
        _table = new JobTable(clock);
        Receive<RegisterNode>(OnRegisterNode);
        Receive<NodeStatusReport>(OnNodeStatus);
        Receive<SubmitJob>(OnSubmitJob);
        Receive<SegmentCompleted>(OnSegmentCompleted);
        Receive<SegmentFailed>(OnSegmentFailed);
        Receive<GetClusterStatus>(_ => Sender.Tell(_table.Snapshot()));
        Receive<ClusterEvent.MemberRemoved>(removed => DropNodesAt(removed.Member.Address, RemovedReason));
        Receive<ClusterEvent.UnreachableMember>(unreachable => OnUnreachable(unreachable.Member.Address));
        Receive<ClusterEvent.ReachableMember>(reachable => OnReachable(reachable.Member.Address));
        Receive<UnreachableGraceEnded>(ended => DropNodesAt(ended.Address, $"unreachable for {UnreachableGrace.TotalSeconds:0} s"));
        Receive<Terminated>(OnClientTerminated);
        Receive<SubscribeAck>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!; // Set by Akka before PreStart.

    /// <summary>Props for a coordinator that announces itself through <paramref name="mediator"/>.</summary>
    public static Props Props(IActorRef mediator, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new JobCoordinator(mediator, clock));

    /// <summary>Props wired to the cluster's DistributedPubSub mediator.</summary>
    public static Props Props(ActorSystem system) => Props(DistributedPubSub.Get(system).Mediator);

    private static bool IsClustered => ((ExtendedActorSystem)Context.System).Provider is ClusterActorRefProvider;

    protected override void PreStart()
    {
        if (IsClustered)
        {
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(
                Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.MemberRemoved), typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.ReachableMember));
        }

        _mediator.Tell(new Publish(ClusterNames.CoordinatorTopic, CoordinatorStarted.Instance));
        _log.Info("job coordinator running on this member; nodes and clients announce themselves to it");
    }

    protected override void PostStop()
    {
        if (IsClustered)
        {
            Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        }
    }

    private void OnRegisterNode(RegisterNode register)
    {
        var known = _nodes.ContainsKey(register.NodeId);
        _table.RegisterNode(register);
        _nodes[register.NodeId] = (Sender, MemberAddressOf(Sender));
        Sender.Tell(new NodeRegistered(register.NodeId));
        if (!known)
        {
            _log.Info(
                "node {Host}:{Port} registered: {Backend} {Kind}, {MaxSessions} sessions, encodes {Codecs}",
                register.Host, register.Port, register.Backend, register.IsHardware ? "hw" : "sw", register.MaxSessions,
                string.Join(",", register.EncodeCodecs).ToLowerInvariant());
        }

        AssignWork();
    }

    /// <summary>The cluster member an actor lives on; local senders live on this member.</summary>
    private static Address MemberAddressOf(IActorRef actor) =>
        actor.Path.Address.HasGlobalScope ? actor.Path.Address : ((ExtendedActorSystem)Context.System).Provider.DefaultAddress;

    private void OnNodeStatus(NodeStatusReport report)
    {
        if (_table.UpdateNodeStatus(report))
        {
            AssignWork();
        }
    }

    private void OnSubmitJob(SubmitJob submit)
    {
        _clients[submit.JobId] = Sender;
        Context.Watch(Sender);
        if (_table.AddJob(submit))
        {
            _log.Info(
                "job {JobId} started: {Segments} segments to {Codec} for {Client}",
                submit.JobId.Short, submit.Segments.Length, submit.Codec, submit.ClientName);
            _jobClocks[submit.JobId] = new JobClock(DateTimeOffset.UtcNow, submit.Segments.Sum(s => (long)s.FrameCount));
        }

        Sender.Tell(new JobAccepted(submit.JobId, submit.Segments.Length));
        AssignWork();
    }

    private void OnSegmentCompleted(SegmentCompleted completed)
    {
        _log.Debug(
            "Job {JobId} segment {SegmentIndex} completed by lease {LeaseId}: {Frames} frames in {ElapsedMs} ms",
            completed.JobId, completed.SegmentIndex, completed.LeaseId, completed.Frames,
            (long)(completed.ElapsedSeconds * 1000));
        Apply(_table.CompleteSegment(completed));
        AssignWork();
    }

    private void OnSegmentFailed(SegmentFailed failed)
    {
        switch (_table.Classify(failed))
        {
            case SegmentFailureKind.Requeued:
                _log.Warning("job {JobId} segment {SegmentIndex} failed on lease {LeaseId}, queued again: {Reason}",
                    failed.JobId.Short, failed.SegmentIndex, failed.LeaseId, failed.Reason);
                break;
            case SegmentFailureKind.OtherCopyRuns:
                _log.Warning("job {JobId} segment {SegmentIndex} failed on lease {LeaseId}, its other copy goes on: {Reason}",
                    failed.JobId.Short, failed.SegmentIndex, failed.LeaseId, failed.Reason);
                break;
            default:
                // A copy that lost, or a lease its dropped node already gave back: nothing to tell people.
                _log.Debug("job {JobId} segment {SegmentIndex}: failure of lease {LeaseId}, no longer held: {Reason}",
                    failed.JobId.Short, failed.SegmentIndex, failed.LeaseId, failed.Reason);
                break;
        }

        Apply(_table.FailSegment(failed));
        AssignWork();
    }

    private static string GraceKey(Address address) => "unreachable:" + address;

    /// <summary>The member's nodes get no new lease and show as unreachable; after the grace they lose their segments.</summary>
    private void OnUnreachable(Address address)
    {
        Timers.StartSingleTimer(GraceKey(address), new UnreachableGraceEnded(address), UnreachableGrace);
        foreach (var nodeId in NodesAt(address))
        {
            _table.SetUnreachable(nodeId, unreachable: true);
        }
    }

    private void OnReachable(Address address)
    {
        Timers.Cancel(GraceKey(address));
        foreach (var nodeId in NodesAt(address))
        {
            _table.SetUnreachable(nodeId, unreachable: false);
        }

        AssignWork();
    }

    private List<NodeId> NodesAt(Address address) =>
        _nodes.Where(pair => pair.Value.Member == address).Select(pair => pair.Key).ToList();

    private void DropNodesAt(Address address, string why)
    {
        Timers.Cancel(GraceKey(address));
        foreach (var nodeId in NodesAt(address))
        {
            _nodes.Remove(nodeId);
            var changes = _table.RemoveNode(nodeId);
            LogDropped(nodeId, why, changes.CancelledLeases.Length);
            Apply(changes);
        }

        AssignWork();
    }

    /// <summary>Says that segments go back to the queue only when the node held some; a node that leaves idle is already
    /// on the console as "member removed" (MembershipLog), so that case is debug here.</summary>
    private void LogDropped(NodeId nodeId, string why, int requeued)
    {
        if (requeued == 1)
        {
            _log.Warning("node {NodeId} is {Why}; the segment leased to it is queued again", nodeId, why);
        }
        else if (requeued > 1)
        {
            _log.Warning("node {NodeId} is {Why}; the {Count} segments leased to it are queued again", nodeId, why, requeued);
        }
        else if (why == RemovedReason)
        {
            _log.Debug("node {NodeId} is {Why}; no segment was leased to it", nodeId, why);
        }
        else
        {
            _log.Info("node {NodeId} is {Why}; no segment was leased to it", nodeId, why);
        }
    }

    private void OnClientTerminated(Terminated terminated)
    {
        foreach (var (jobId, _) in _clients.Where(pair => pair.Value.Equals(terminated.ActorRef)).ToList())
        {
            _log.Warning("the client of job {JobId} is gone; job dropped", jobId.Short);
            _clients.Remove(jobId);
            _table.RemoveJob(jobId);
        }

        AssignWork();
    }

    private void AssignWork()
    {
        foreach (var lease in _table.Assign())
        {
            _log.Debug(
                "Job {JobId} segment {SegmentIndex} leased to {NodeId} as {LeaseId} ({Transport})",
                lease.JobId, lease.SegmentIndex, lease.NodeId, lease.LeaseId, lease.Transport);
            TellClient(lease.JobId, lease);
        }
    }

    private void Apply(TableChanges changes)
    {
        foreach (var cancelled in changes.CancelledLeases)
        {
            TellClient(cancelled.JobId, cancelled);
        }

        foreach (var (node, notice) in changes.LostCopies)
        {
            if (_nodes.TryGetValue(node, out var registered))
            {
                registered.Announcer.Tell(notice);
            }
        }

        foreach (var completed in changes.CompletedJobs)
        {
            LogFinished(completed.JobId);
            TellClient(completed.JobId, completed);
            ForgetClient(completed.JobId);
        }

        foreach (var failed in changes.FailedJobs)
        {
            _log.Warning("job {JobId} failed: {Reason}", failed.JobId.Short, failed.Reason);
            _jobClocks.Remove(failed.JobId);
            TellClient(failed.JobId, failed);
            ForgetClient(failed.JobId);
        }
    }

    private void TellClient(JobId jobId, IVtrClusterMessage message)
    {
        if (_clients.TryGetValue(jobId, out var client))
        {
            client.Tell(message);
        }
    }

    private void ForgetClient(JobId jobId)
    {
        if (_clients.Remove(jobId, out var client) && !_clients.ContainsValue(client))
        {
            Context.Unwatch(client);
        }
    }

    private void LogFinished(JobId job)
    {
        if (_jobClocks.Remove(job, out var clock))
        {
            var seconds = (DateTimeOffset.UtcNow - clock.Started).TotalSeconds;
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            _log.Info("job {JobId} finished: {Frames} frames in {Seconds} s ({Fps} fps)", job.Short, clock.Frames, seconds.ToString("0.0", inv), (seconds > 0 ? clock.Frames / seconds : 0).ToString("0.0", inv));
        }
        else
        {
            _log.Info("job {JobId} finished", job.Short);
        }
    }

    /// <summary>When a job was accepted here and how many frames it has: a finished job completed every segment once, so
    /// the frames are the submission's, whatever copies of a segment also completed.</summary>
    private sealed record JobClock(DateTimeOffset Started, long Frames);

    /// <summary>A member stayed unreachable for <see cref="UnreachableGrace"/>.</summary>
    private sealed record UnreachableGraceEnded(Address Address);
}
