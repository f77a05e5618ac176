using Akka.Actor;
using Akka.Event;
using Vtr.Node.Buffers;
using Vtr.Node.Codecs;
using Vtr.Node.Transport;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

/// <summary>
/// One VTR1 session (one TCP connection) as an explicit state machine:
/// awaiting HELLO → awaiting CONFIGURE → (opening codec) → streaming → draining → closed.
/// It never parses bytes: its <see cref="Vtr1Connection"/> delivers whole messages and it writes whole messages.
/// </summary>
public sealed partial class SessionActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private const string IdleTimerKey = "idle";

    private readonly Vtr1Connection _connection;
    private readonly ICodecBackend _backend;
    private readonly SessionPolicy _policy;
    private readonly SessionAdmission _admission;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SessionStatistics _stats = new();
    private IActorRef? _codec;
    private string _clientName = "?";

    public SessionActor(Vtr1Connection connection, ICodecBackend backend, SessionPolicy policy, SessionAdmission admission)
    {
        _connection = connection;
        _backend = backend;
        _policy = policy;
        _admission = admission;
        Become(AwaitingHello);
    }

    public ITimerScheduler Timers { get; set; } = null!; // assigned by Akka before PreStart

    public IStash Stash { get; set; } = null!; // assigned by Akka before PreStart

    public static Props Props(Vtr1Connection connection, ICodecBackend backend, SessionPolicy policy, SessionAdmission admission) =>
        Akka.Actor.Props.Create(() => new SessionActor(connection, backend, policy, admission));

    protected override void PreStart()
    {
        _log.Debug("ACCEPT {RemoteEndPoint}", _connection.RemoteEndPoint);
        RestartIdleTimer();
        _connection.Start(Self);
    }

    protected override void PostStop()
    {
        // Whatever state we stop in, the socket and any pooled input or output go with us; the codec child stops with
        // us. Messages still in the mailbox become dead letters, which the PooledDeadLetterSink disposes.
        _backlog.DisposeAll();

        foreach (var stashed in Stash.ClearStash())
        {
            (stashed.Message as IPooledMessage)?.Dispose();
        }

        _connection.Abort();
        _ = _connection.DisposeAsync().AsTask();
        Context.System.EventStream.Unsubscribe(Self);
    }

    /// <summary>Codec failures the codec child could not recover itself end the session (it is stopped, never restarted).</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(ex =>
        {
            // The only child is the codec: a codec failure it could not recover is expected and ends the session with
            // ERROR(CodecFailed) (Terminated); anything else is a bug, logged once with its stack.
            if (ex is CodecException or BitstreamException)
            {
                _log.Warning("codec failed for {RemoteEndPoint}: {Reason}", _connection.RemoteEndPoint, ex.Message);
            }
            else
            {
                _log.Error(ex, "codec of {RemoteEndPoint} stopped by an unexpected {ExceptionType} (a bug, please report it)", _connection.RemoteEndPoint, ex.GetType().Name);
            }

            return Directive.Stop;
        });

    private void RestartIdleTimer() =>
        Timers.StartSingleTimer(IdleTimerKey, SessionProtocol.IdleTimedOut.Instance, _policy.IdleTimeout);

    /// <summary>Events that mean the same in every state before closing.</summary>
    private void HandleCommonEvents()
    {
        Receive<ConnectionEvents.PeerClosed>(_ => StopQuietly("client disconnected"));
        Receive<ConnectionEvents.ConnectionFailed>(failed => StopQuietly("connection failed: " + failed.Reason));
        Receive<ConnectionEvents.ProtocolViolated>(violation => Fail(violation.Code, violation.Reason));
        Receive<SessionProtocol.IdleTimedOut>(_ => Fail(Vtr1ErrorCode.Timeout, $"no message for {_policy.IdleTimeout.TotalSeconds:0} s"));
        Receive<SessionProtocol.OutputFlushed>(_ => HandleOutputFlushed());
        Receive<SessionProtocol.OutputFailed>(failed => StopQuietly("send failed: " + failed.Reason));
        Receive<Terminated>(terminated => HandleCodecTerminated(terminated));
        Receive<SessionProtocol.CopyLost>(OnCopyLost);
    }

    private void HandleCodecTerminated(Terminated terminated)
    {
        if (!terminated.ActorRef.Equals(_codec))
        {
            return;
        }

        _codec = null;
        Fail(Vtr1ErrorCode.CodecFailed, "codec session failed");
    }

    /// <summary>Ends without a word: the peer is gone or never spoke the protocol.</summary>
    private void StopQuietly(string reason)
    {
        _log.Debug("Session {RemoteEndPoint} ended: {Reason}", _connection.RemoteEndPoint, reason);
        if (AwaitLostCopyVerdict())
        {
            return;
        }

        LogSummary();
        Context.Stop(Self);
    }

    /// <summary>Sends ERROR with a code the client logs, then closes politely.</summary>
    private void Fail(Vtr1ErrorCode code, string reason)
    {
        ReleaseSlot();
        _log.Warning("session failed: client {Client} from {RemoteEndPoint}: {Reason} ({Code})", _clientName, _connection.RemoteEndPoint, reason, code);
        Send(new ErrorMessage((uint)code, reason));
        Finish();
    }

    /// <summary>
    /// Frees this session's max_sessions slot. Called BEFORE the last message is sent, so the pool learns it
    /// before the client can react to that message by opening its next session.
    /// </summary>
    private void ReleaseSlot()
    {
        Context.Parent.Tell(EncoderPoolProtocol.SessionFinished.Instance);
        if (_codec is not null)
        {
            // The session is over: free the codec now rather than after the client closes its socket.
            Context.Unwatch(_codec);
            Context.Stop(_codec);
            _codec = null;
        }
    }

    /// <summary>After DONE or ERROR: half-close, drain the client's input, then stop.</summary>
    private void Finish()
    {
        Become(Closing);
        Timers.CancelAll();
        LogSummary();
        _finishRequested = true;
        if (!_flushing)
        {
            BeginFinish();
        }
    }

    /// <summary>Runs once every queued output is flushed, so the last message is never cut off.</summary>
    private void BeginFinish()
    {
        _finishRequested = false;
        _connection.FinishAsync(_policy.LingerTimeout).PipeTo(Self, success: () => FinishCompleted.Instance, failure: _ => FinishCompleted.Instance);
    }

    private void Closing()
    {
        Receive<FinishCompleted>(_ => Context.Stop(Self));
        Receive<SessionProtocol.OutputFlushed>(_ => HandleOutputFlushed());
        Receive<SessionProtocol.OutputFailed>(_ => Context.Stop(Self));
        // Input after the end and codec output nobody will send: returned to their pools here.
        Receive<IPooledMessage>(pooled => pooled.Dispose());
        ReceiveAny(_ => { });
    }

    private void LogSummary()
    {
        var seconds = _stats.Elapsed.TotalSeconds;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var leadIn = _stats.InputOutsideKeep > 0;
        var summary = "session closed: client {Client} ({Mode}) {InputCount} in" + (leadIn ? " ({OutsideCount} lead-in, not output)" : "")
            + ", {OutputCount} out in {Seconds} s ({Fps} fps), {InputMegabytes} MB in, {OutputMegabytes} MB out";
        object[] counts = leadIn ? [_stats.InputCount, _stats.InputOutsideKeep] : [_stats.InputCount];
        object[] values =
        [
            _clientName, _stats.Mode, .. counts, _stats.OutputCount, seconds.ToString("0.0", inv),
            (seconds > 0 ? _stats.OutputCount / seconds : 0).ToString("0", inv),
            (_stats.InputBytes / 1e6).ToString("0.0", inv), (_stats.OutputBytes / 1e6).ToString("0.0", inv),
        ];

        // A session refused before it carried a frame (busy, wrong token) is not worth a line at info; a lost copy had
        // its own line (OnCopyLost), and its counts would read like a failure.
        if (_copyLost || (_stats.InputCount == 0 && _stats.OutputCount == 0))
        {
            _log.Debug(summary, values);
        }
        else
        {
            _log.Info(summary, values);
        }
    }

    private sealed record FinishCompleted
    {
        public static readonly FinishCompleted Instance = new();
    }
}
