using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Vtr.Node.Sessions;
using Vtr.Shared.Cluster;

namespace Vtr.Node.Membership;

/// <summary>
/// Keeps the JobCoordinator informed about this node: registers on start, on every
/// <see cref="CoordinatorStarted"/>, when the coordinator that acknowledged the last registration stops (watched) and
/// periodically (registration is idempotent), and forwards load and speed changes as <see cref="NodeStatusReport"/>. Session counts arrive as <see cref="SessionsChanged"/> or straight
/// from the encoder pool as <see cref="EncoderPoolProtocol.SessionCountChanged"/>. The coordinator's word that a copy
/// of a segment lost (<see cref="SegmentCopyLost"/>) goes to the sessions on the event stream.
/// </summary>
public sealed class NodeAnnouncer : ReceiveActor, IWithTimers
{
    /// <summary>Default period of the safety-net re-registration.</summary>
    public static readonly TimeSpan DefaultReRegisterInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After the acknowledging coordinator stopped, registrations repeat this often until a new one acknowledges:
    /// the first may reach the singleton proxy before it has noticed the hand-over, and be lost.
    /// </summary>
    private static readonly TimeSpan UnacknowledgedRetry = TimeSpan.FromSeconds(1);

    private const string UnacknowledgedTimer = "unacknowledged";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RegisterNode _info;
    private readonly IActorRef _coordinator;
    private readonly IActorRef _mediator;
    private readonly TimeSpan _reRegisterInterval;
    private readonly CoordinatorWatch _coordinatorWatch = new();
    private int _sessionsInUse;
    private double _measuredFps;

    public NodeAnnouncer(RegisterNode info, IActorRef coordinator, IActorRef mediator, TimeSpan reRegisterInterval)
    {
        _info = info;
        _coordinator = coordinator;
        _mediator = mediator;
        _reRegisterInterval = reRegisterInterval;
        Receive<CoordinatorStarted>(OnCoordinatorStarted);
        Receive<ReRegisterTick>(_ => Register());
        Receive<SessionsChanged>(OnSessionsChanged);
        Receive<EncoderPoolProtocol.SessionCountChanged>(changed => OnSessionsChanged(new SessionsChanged(changed.ActiveSessions)));
        Receive<SpeedMeasured>(OnSpeedMeasured);
        Receive<NodeRegistered>(_ => OnRegistered());
        Receive<Terminated>(OnTerminated);
        Receive<SegmentCopyLost>(lost =>
            Context.System.EventStream.Publish(new SessionProtocol.CopyLost(lost.LeaseId.ConfigureValue, lost.SegmentIndex)));
        Receive<SubscribeAck>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!; // Set by Akka before PreStart.

    /// <summary>Props for an announcer talking to <paramref name="coordinator"/> (normally the singleton proxy)
    /// and subscribed through <paramref name="mediator"/> (normally the DistributedPubSub mediator).</summary>
    public static Props Props(RegisterNode info, IActorRef coordinator, IActorRef mediator, TimeSpan? reRegisterInterval = null) =>
        Akka.Actor.Props.Create(() => new NodeAnnouncer(info, coordinator, mediator, reRegisterInterval ?? DefaultReRegisterInterval));

    protected override void PreStart()
    {
        _mediator.Tell(new Subscribe(ClusterNames.CoordinatorTopic, Self));
        Timers.StartPeriodicTimer(nameof(ReRegisterTick), ReRegisterTick.Instance, _reRegisterInterval);
        Register();
    }

    private void OnCoordinatorStarted(CoordinatorStarted started)
    {
        _log.Debug("Coordinator (re)started; registering node {NodeId} again", _info.NodeId);
        Register();
    }

    private void OnRegistered()
    {
        if (_coordinatorWatch.Acknowledged(Context, Sender))
        {
            Timers.Cancel(UnacknowledgedTimer);
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        if (_coordinatorWatch.Stopped(terminated))
        {
            if (CoordinatorSuccession.Describe(Context.System, terminated.ActorRef.Path.Address) is { } line)
            {
                _log.Info(line);
            }
            else
            {
                _log.Debug("The job coordinator this node registered with stopped while this node is leaving");
            }

            Register();
            Timers.StartPeriodicTimer(UnacknowledgedTimer, ReRegisterTick.Instance, UnacknowledgedRetry);
        }
    }

    private void OnSessionsChanged(SessionsChanged changed)
    {
        _sessionsInUse = changed.InUse;
        Report();
    }

    private void OnSpeedMeasured(SpeedMeasured measured)
    {
        _measuredFps = measured.Fps;
        Report();
    }

    private void Register()
    {
        _coordinator.Tell(_info with { SessionsInUse = _sessionsInUse });
        Report();
    }

    private void Report() => _coordinator.Tell(new NodeStatusReport(_info.NodeId, _sessionsInUse, _measuredFps));
}
