using Akka.Actor;

namespace Vtr.Shared.Cluster;

/// <summary>
/// Death watch of the JobCoordinator incarnation that last acknowledged an actor (<see cref="NodeRegistered"/>,
/// <see cref="JobAccepted"/> come from the incarnation itself, through the singleton proxy). A hand-over stops that
/// incarnation; the watcher then registers or submits again without waiting for <see cref="CoordinatorStarted"/>,
/// which pub-sub delivers at most once and can miss a member that joined moments before.
/// </summary>
public sealed class CoordinatorWatch
{
    private IActorRef? _incarnation;

    /// <summary>Call with the sender of an acknowledgement. True when it is a new incarnation, now watched.</summary>
    public bool Acknowledged(IActorContext context, IActorRef sender)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sender);
        if (sender.Equals(_incarnation) || sender.IsNobody() || sender.Equals(context.System.DeadLetters))
        {
            return false;
        }

        if (_incarnation is not null)
        {
            context.Unwatch(_incarnation);
        }

        _incarnation = sender;
        context.Watch(_incarnation);
        return true;
    }

    /// <summary>True when <paramref name="terminated"/> is the watched incarnation's stop (it is then forgotten).</summary>
    public bool Stopped(Terminated terminated)
    {
        ArgumentNullException.ThrowIfNull(terminated);
        if (!terminated.ActorRef.Equals(_incarnation))
        {
            return false;
        }

        _incarnation = null;
        return true;
    }
}
