using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using Vtr.Node.Buffers;
using Vtr.Node.Codecs;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

/// <summary>
/// Owns every session of the node: one <see cref="SessionActor"/> per TCP connection, at most
/// <c>maxSessions</c> of them encoding at once. A connection over the limit still gets a session, whose only job
/// is to answer HELLO with the busy status and close.
/// </summary>
public sealed class EncoderPool : ReceiveActor
{
    private readonly ICodecBackend _backend;
    private readonly SessionPolicy _policy;
    private readonly int _maxSessions;
    private readonly IActorRef? _observer;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<IActorRef> _active = [];
    private long _served;
    private long _refused;
    private long _sequence;

    public EncoderPool(ICodecBackend backend, SessionPolicy policy, int maxSessions, IActorRef? observer)
    {
        _backend = backend;
        _policy = policy;
        _maxSessions = maxSessions;
        _observer = observer;
        Receive<EncoderPoolProtocol.ConnectionAccepted>(HandleConnectionAccepted);
        Receive<EncoderPoolProtocol.GetPoolStatus>(_ =>
            Sender.Tell(new EncoderPoolProtocol.PoolStatus(_active.Count, _maxSessions, _served, _refused)));
        Receive<EncoderPoolProtocol.SessionFinished>(_ => Release(Sender));
        Receive<Terminated>(terminated => Release(terminated.ActorRef));
    }

    public static Props Props(ICodecBackend backend, SessionPolicy policy, int maxSessions, IActorRef? observer = null) =>
        Akka.Actor.Props.Create(() => new EncoderPool(backend, policy, maxSessions, observer));

    /// <summary>Pooled messages of sessions and codecs that end as dead letters are returned to their pools.</summary>
    protected override void PreStart() => PooledDeadLetterSink.For(Context.System);

    /// <summary>A session that throws is stopped: its connection cannot be resumed, and its peers are unaffected.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(ex =>
        {
            // A socket cannot be resumed, so every failed session stops; what differs is what the log says.
            switch (ex)
            {
                case SocketException or IOException or ObjectDisposedException:
                    _log.Info("session ended: its connection failed ({Reason})", ex.Message);
                    break;
                case CodecException or Vtr1ProtocolException or BitstreamException:
                    _log.Warning("session failed: {Reason}", ex.Message);
                    break;
                default:
                    // Not a failure we expect from a client or a codec: a bug, logged once with its stack.
                    _log.Error(ex, "session stopped by an unexpected {ExceptionType} (a bug, please report it)", ex.GetType().Name);
                    break;
            }

            return Directive.Stop;
        });

    private void HandleConnectionAccepted(EncoderPoolProtocol.ConnectionAccepted accepted)
    {
        var busy = _active.Count >= _maxSessions;
        var admission = new SessionAdmission(busy, (ushort)Math.Min(_maxSessions, ushort.MaxValue),
            (ushort)Math.Min(_active.Count + (busy ? 0 : 1), ushort.MaxValue));
        var name = $"session-{++_sequence}";
        var session = Context.ActorOf(SessionActor.Props(accepted.Connection, _backend, _policy, admission), name);
        if (busy)
        {
            _refused++;
            _log.Warning("Connection {RemoteEndPoint} refused: {Active}/{Max} sessions busy", accepted.Connection.RemoteEndPoint, _active.Count, _maxSessions);
            return;
        }

        _served++;
        _active.Add(session);
        Context.Watch(session);
        ReportCount();
    }

    private void Release(IActorRef session)
    {
        if (_active.Remove(session))
        {
            ReportCount();
        }
    }

    private void ReportCount() =>
        _observer?.Tell(new EncoderPoolProtocol.SessionCountChanged(_active.Count, _maxSessions));
}
