using Akka.Actor;
using Vtr.Node.Sessions;

namespace Vtr.Cli.Embedded;

/// <summary>
/// Stands in as an encoder pool's observer before the node's announcer exists (the announcer needs the port the
/// pool's listener got): forwards <see cref="EncoderPoolProtocol.SessionCountChanged"/> once told where to.
/// </summary>
internal sealed class SessionCountRelay : ReceiveActor
{
    private IActorRef? _target;
    private EncoderPoolProtocol.SessionCountChanged? _last;

    public SessionCountRelay()
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
        });
    }

    /// <summary>From now on, forward to <paramref name="Target"/>.</summary>
    public sealed record ForwardTo(IActorRef Target);
}
