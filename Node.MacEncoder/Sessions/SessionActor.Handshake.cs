using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Vtr.Node.Codecs;
using Vtr.Node.Transport;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

public sealed partial class SessionActor
{
    private VideoCodec _codecKind;
    private ConfigureMessage? _configure;
    private EncoderOptions? _options;
    private SessionMode _mode;

    private void AwaitingHello()
    {
        Receive<ConnectionEvents.MessageReceived>(received => HandleBeforeHello(received.Message));
        HandleCommonEvents();
    }

    private void HandleBeforeHello(IVtr1Message message)
    {
        RestartIdleTimer();
        ReturnCredit();
        if (message is not HelloMessage hello)
        {
            (message as IDisposable)?.Dispose();
            Fail(Vtr1ErrorCode.UnexpectedMessage, $"expected HELLO, got {message.Type}");
            return;
        }

        _clientName = hello.ClientName;
        if (!TokenCheck.Accepts(_policy.Token, hello.Token))
        {
            _log.Info("session refused: client {Client} sent a wrong token ({Codec})", hello.ClientName, hello.Codec);
            ReleaseSlot();
            SendHelloAck(HelloStatus.AuthFailed);
            Finish();
            return;
        }

        if (_admission.Busy)
        {
            _log.Info("session refused: client {Client}, all {MaxSessions} sessions busy", hello.ClientName, _admission.MaxSessions);
            SendHelloAck(HelloStatus.Busy);
            Finish();
            return;
        }

        if (!VideoCodecNames.TryParse(hello.Codec, out _codecKind))
        {
            Fail(Vtr1ErrorCode.UnsupportedConfiguration, $"codec '{hello.Codec}' is not supported (h264, hevc)");
            return;
        }

        _log.Debug("HELLO ok client={Client} build={Build} codec={Codec}", hello.ClientName, hello.Build, hello.Codec);
        SendHelloAck(HelloStatus.Ok);
        Become(AwaitingConfigure);
    }

    private void SendHelloAck(HelloStatus status)
    {
        var capabilities = _backend.EncodeCodecs.Concat(_backend.DecodeCodecs).Distinct()
            .Select(codec => codec.ToWireName()).ToImmutableArray();
        // The original sends empty names; ours say which backend answers, hardware or software (clients ignore them).
        var serverName = $"{_policy.ServerName} {_backend.Name} ({(_backend.IsHardware ? "hardware" : "software")})";
        Send(new HelloAckMessage(status, serverName, _policy.ServerVersion, capabilities,
            _admission.MaxSessions, _admission.ActiveSessions));
    }

    private void AwaitingConfigure()
    {
        Receive<ConnectionEvents.MessageReceived>(received => HandleBeforeConfigure(received.Message));
        HandleCommonEvents();
    }

    private void HandleBeforeConfigure(IVtr1Message message)
    {
        RestartIdleTimer();
        ReturnCredit(); // deferred while a reply is still flushing, so a PING flood cannot grow the backlog
        switch (message)
        {
            case ConfigureMessage configure:
                HandleConfigure(configure);
                break;
            case PingMessage:
                Send(PongMessage.Instance);
                break;
            default:
                (message as IDisposable)?.Dispose();
                Fail(Vtr1ErrorCode.UnexpectedMessage, $"expected CONFIGURE, got {message.Type}");
                break;
        }
    }

    private void HandleConfigure(ConfigureMessage configure)
    {
        _configure = configure;
        WatchForLostCopy(configure);
        _options = EncoderOptionsParser.Parse(configure.Options);
        var plan = SessionConfiguration.Plan(configure, _options, _codecKind, _backend, _policy);
        if (plan.Error is { } error)
        {
            Fail(error.Code, error.Reason);
            return;
        }

        _mode = plan.Mode;
        _stats.Mode = plan.Mode.ToString().ToLowerInvariant();
        _log.Debug(
            "CONFIGURE req mode={Mode} codec={Codec} {Width}x{Height} pix={PixelFormat} tb={TimeBase} fr={FrameRate} options={Options}",
            [_stats.Mode, _codecKind, configure.Width, configure.Height, configure.PixelFormat, configure.TimeBase, configure.FrameRate,
            string.Join(',', configure.Options.Select(option => option.Key + "=" + option.Value))]);
        configure.TryGetCompression(out var compression); // checked by the plan
        var spec = plan.Spec! with { OutputCompression = compression }; // a plan without error has a spec
        _stats.Keep = spec.Keep;
        _codec = Context.ActorOf(CodecActor.Props(_backend, spec, _policy.MaxCodecRestarts), "codec");
        Context.Watch(_codec);
        Become(OpeningCodec);
    }

    private void OpeningCodec()
    {
        Receive<SessionProtocol.CodecReady>(HandleCodecReady);
        Receive<SessionProtocol.CodecOpenFailed>(failed =>
        {
            _codec = null; // it stops itself; its Terminated must not count as a second failure
            Fail(Vtr1ErrorCode.UnsupportedConfiguration, failed.Reason);
            // Frames a pipelining client sent while the codec was opening: Closing returns them to the pool.
            Stash.UnstashAll();
        });
        Receive<ConnectionEvents.MessageReceived>(received => HandleWhileOpening(received.Message));
        HandleCommonEvents();
    }

    /// <summary>
    /// FFmpeg waits for CONFIGURE_ACK, but a pipelining client may not: its messages wait until the codec is
    /// open. At most the credit window of them can arrive, so the stash stays small.
    /// </summary>
    private void HandleWhileOpening(IVtr1Message message) => Stash.Stash();

    private void HandleCodecReady(SessionProtocol.CodecReady ready)
    {
        var configure = _configure!; // set in HandleConfigure, the only way into OpeningCodec
        var warnings = SessionConfiguration.Warnings(_options!, ready.Warnings); // parsed with _configure
        foreach (var warning in warnings)
        {
            _log.Debug("WARN {Warning}", warning);
        }

        Send(new ConfigureAckMessage(0, _mode == SessionMode.Decode ? ReadOnlyMemory<byte>.Empty : ready.DecoderConfigurationRecord,
            configure.PixelFormat, warnings));
        _log.Info(
            "session opened: client {Client} from {RemoteEndPoint}, {Mode} {Codec} {Width}x{Height}",
            _clientName, _connection.RemoteEndPoint, _stats.Mode, _codecKind, configure.Width, configure.Height);
        Become(Streaming);
        Stash.UnstashAll();
    }
}
