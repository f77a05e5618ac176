using Akka;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Vtr.Seed.Jobs;

namespace Vtr.Seed.Hosting;

/// <summary>
/// Lets a member that hosts the job coordinator leave in about a second when nobody can take the coordinator over.
/// Akka's singleton manager offers the hand-over to the next-oldest coordinator-capable member; when that member is
/// leaving too (a seed and its nodes stopped together), its removal is ignored once this member is exiting, and the
/// manager retries until CoordinatedShutdown's cluster-exiting phase times out: 8–10 s of "leaving" for nothing.
/// The same wait happens when that member crashed and a leaving member downed it (<see cref="LeavingMemberDowner"/>):
/// the manager hands over to the oldest member until it is removed, and a downed member is removed only once the failure
/// detector marks it unreachable. Once this member is exiting and the member the manager would hand over to (the oldest
/// other coordinator-capable one) is not Up, this guard stops the manager (and the coordinator with it), which ends that
/// phase; the next oldest member starts the coordinator once that heir is removed. With the heir Up, the graceful
/// hand-over runs untouched.
/// </summary>
public sealed class CoordinatorExitGuard : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly string _managerPath;
    private const string DrainCorrelation = "drain";
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(1);
    private readonly Dictionary<UniqueAddress, Member> _members = [];

    public CoordinatorExitGuard(string managerPath)
    {
        _managerPath = managerPath;
        Receive<IdentifyManager>(_ => Identify());
        Receive<ActorIdentity>(OnManagerIdentified);
        Receive<Exiting>(_ => OnExiting());
    }

    public ITimerScheduler Timers { get; set; } = null!; // Set by Akka before PreStart.

    public static Props Props(string managerPath) => Akka.Actor.Props.Create(() => new CoordinatorExitGuard(managerPath));

    protected override void PreStart() => Identify();

    private void Identify() => Context.ActorSelection(_managerPath).Tell(new Identify(null));

    /// <summary>
    /// The manager answering proves its constructor ran, and with it the registration of its own cluster-exiting tasks
    /// (asks of "self exiting"). Registered after them, this task runs after those asks were sent, so the PoisonPill below
    /// queues behind them.
    /// </summary>
    private void OnManagerIdentified(ActorIdentity identity)
    {
        if (identity.Subject is null)
        {
            // Not created yet (the host starts its actors one after the other): ask again shortly.
            Timers.StartSingleTimer("identify", IdentifyManager.Instance, TimeSpan.FromMilliseconds(100));
            return;
        }

        var self = Self;
        CoordinatedShutdown.Get(Context.System).AddTask(CoordinatedShutdown.PhaseClusterExiting, "vtr-coordinator-exit-guard", () =>
        {
            self.Tell(Exiting.Instance);
            return Task.FromResult(Done.Instance);
        });
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void OnExiting()
    {
        Become(Watching);
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));
    }

    private void Watching()
    {
        Receive<ClusterEvent.CurrentClusterState>(OnSnapshot);
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            _members.Remove(removed.Member.UniqueAddress);
            StopManagerWhenNobodyCanTakeOver();
        });
        Receive<ClusterEvent.IMemberEvent>(changed =>
        {
            _members[changed.Member.UniqueAddress] = changed.Member;
            StopManagerWhenNobodyCanTakeOver();
        });
    }

    /// <summary>The members as this actor's own subscription saw them (the cluster's read view may lag behind its events).</summary>
    private void OnSnapshot(ClusterEvent.CurrentClusterState state)
    {
        foreach (var member in state.Members)
        {
            _members[member.UniqueAddress] = member;
        }

        StopManagerWhenNobodyCanTakeOver();
    }

    private void StopManagerWhenNobodyCanTakeOver()
    {
        // The singleton manager's heir: the oldest other coordinator-capable member it still tracks (it forgets a member
        // only once it exited or was removed; a Down or Leaving one stays the heir until then).
        var heir = _members.Values
            .Where(m => m.UniqueAddress != _cluster.SelfUniqueAddress && m.HasRole(JobCoordinatorProtocol.Role) &&
                        m.Status is not (MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Exiting or MemberStatus.Removed))
            .Aggregate((Member?)null, (oldest, m) => oldest is null || m.IsOlderThan(oldest) ? m : oldest);
        if (heir is { Status: MemberStatus.Up })
        {
            return;
        }

        _log.Debug("no member can take the job coordinator over; stopping its singleton manager instead of handing it over");
        // The manager's child that tracks the oldest member (Akka's OldestChangedBuffer, its only unnamed child) has its
        // own "self exiting" ask queued. Stopping the manager stops that child, and a stop (a system message) overtakes its
        // mailbox: the ask would then wait out the phase (10 s). An Identify queued behind that ask is answered once the
        // ask was; only then does the manager go.
        Become(Draining);
        Context.ActorSelection(_managerPath + "/*").Tell(new Identify(DrainCorrelation));
        Timers.StartSingleTimer("drain", DrainTimedOut.Instance, DrainTimeout);
    }

    private void Draining()
    {
        Receive<ActorIdentity>(
            identity => identity.MessageId is DrainCorrelation && identity.Subject?.Path.Name.StartsWith('$') == true,
            _ => StopManager());
        Receive<DrainTimedOut>(_ => StopManager());
    }

    private void StopManager()
    {
        // PoisonPill (not Stop): an ordinary message, so the manager handles the "self exiting" ask queued before it.
        Context.ActorSelection(_managerPath).Tell(PoisonPill.Instance);
        Context.Stop(Self);
    }

    /// <summary>Time to ask the manager again whether it exists.</summary>
    private sealed class IdentifyManager
    {
        public static readonly IdentifyManager Instance = new();
    }

    /// <summary>No child of the manager answered (none was created: this member never became Up).</summary>
    private sealed class DrainTimedOut
    {
        public static readonly DrainTimedOut Instance = new();
    }

    /// <summary>CoordinatedShutdown reached the cluster-exiting phase.</summary>
    private sealed class Exiting
    {
        public static readonly Exiting Instance = new();
    }
}
