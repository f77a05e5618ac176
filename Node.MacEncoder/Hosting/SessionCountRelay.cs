using Akka.Actor;
using Microsoft.Extensions.Hosting;
using Vtr.Node.Sessions;

namespace Vtr.Node.Hosting;

/// <summary>
/// An encoder pool's observer: forwards <see cref="EncoderPoolProtocol.SessionCountChanged"/> to the node's announcer
/// once told where it is (<see cref="ForwardTo"/>, replaying the last count), and ends a `--once` process after its
/// first session. The target arrives by message, never through a shared mutable field.
/// </summary>
public sealed class SessionCountRelay : ReceiveActor
{
    private IActorRef? _target;
    private EncoderPoolProtocol.SessionCountChanged? _last;
    private bool _sawSession;

    public SessionCountRelay(IHostApplicationLifetime? stopAfterFirstSession)
    {
        Receive<ForwardTo>(forward =>
        {
            _target = forward.Target;
            if (_last is not null)
            {
                _target.Tell(_last);
            }
        });
        Receive<EncoderPoolProtocol.SessionCountChanged>(changed =>
        {
            _last = changed;
            _target?.Tell(changed);
            _sawSession |= changed.ActiveSessions > 0;
            if (_sawSession && changed.ActiveSessions == 0)
            {
                stopAfterFirstSession?.StopApplication();
            }
        });
    }

    public static Props Props(IHostApplicationLifetime? stopAfterFirstSession = null) =>
        Akka.Actor.Props.Create(() => new SessionCountRelay(stopAfterFirstSession));

    /// <summary>From now on, forward to <paramref name="Target"/>.</summary>
    public sealed record ForwardTo(IActorRef Target);
}
