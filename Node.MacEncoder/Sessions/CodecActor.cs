using System.Buffers;
using Akka.Actor;
using Akka.Event;
using Vtr.Node.Codecs;
using Vtr.Node.Transport;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

/// <summary>
/// Owns one codec session and runs it on its own thread (a pinned dispatcher), so the blocking native calls
/// never stall a shared dispatcher. Reports every output to its parent session as soon as it exists.
/// </summary>
public sealed class CodecActor : ReceiveActor
{
    /// <summary>HOCON id of the one-thread-per-actor dispatcher codec actors run on (see <see cref="SessionsConfig"/>).</summary>
    public const string DispatcherId = "vtr-codec-dispatcher";

    private readonly ICodecBackend _backend;
    private readonly CodecSessionSpec _spec;
    private readonly int _maxRestarts;
    private readonly PtsRange _keep;
    private readonly PtsRange _preRoll;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IVideoEncoder? _encoder;
    private IVideoDecoder? _decoder;
    private IQualityMeter? _meter;
    private string? _meterUnavailable;
    private int _framesInsideEncoder;
    private int _restarts;
    private bool _encodedAny;
    private bool _keptAny;
    private DrainStage _drain;

    public CodecActor(ICodecBackend backend, CodecSessionSpec spec, int maxRestarts)
    {
        _backend = backend;
        _spec = spec;
        _maxRestarts = maxRestarts;
        _keep = spec.Keep ?? PtsRange.All;
        _preRoll = spec.PreRoll;
        Receive<CodecProtocol.EncodeFrame>(HandleEncodeFrame);
        Receive<CodecProtocol.DecodePacket>(HandleDecodePacket);
        Receive<CodecProtocol.Drain>(_ => HandleDrain());
        Receive<CodecProtocol.ContinueDrain>(_ => ContinueDrain());
    }

    public static Props Props(ICodecBackend backend, CodecSessionSpec spec, int maxRestarts) =>
        Akka.Actor.Props.Create(() => new CodecActor(backend, spec, maxRestarts)).WithDispatcher(DispatcherId);

    protected override void PreStart()
    {
        try
        {
            Open();
            IReadOnlyList<string> warnings = _encoder?.Warnings ?? [];
            Context.Parent.Tell(new SessionProtocol.CodecReady(
                _encoder?.DecoderConfigurationRecord ?? ReadOnlyMemory<byte>.Empty,
                _meterUnavailable is null ? warnings : [.. warnings, $"{TranscodeOptions.MeasureKey}={TranscodeOptions.MeasureValueOf(_spec.Check)}: {_meterUnavailable}"]));
        }
        catch (CodecException ex)
        {
            Context.Parent.Tell(new SessionProtocol.CodecOpenFailed(ex.Message));
            Context.Stop(Self);
        }
    }

    protected override void PostStop()
    {
        _encoder?.Dispose();
        _decoder?.Dispose();
        _meter?.Dispose();
        _encoder = null;
        _decoder = null;
        _meter = null;
        _ = Vtr.Native.Posix.NativeHeapTuning.ReturnFreeMemory();
    }

    private void Open()
    {
        OpenEncoder();
        if (_spec.Decoder is { } decoderSettings)
        {
            _decoder = _backend.CreateDecoder(decoderSettings);
            if (decoderSettings.OutputInDecodeOrder && !_decoder.OutputsInDecodeOrder)
            {
                _log.Warning("The {Codec} decoder cannot output in decode order here: a lock-step client waits on the first packets of a B-frame stream", decoderSettings.Codec);
            }
        }

        if (_spec.Check != OutputCheck.None && _encoder is not null && _spec.Encoder is { } encoder)
        {
            OpenQualityMeter(encoder, _encoder.DecoderConfigurationRecord);
        }
    }

    /// <summary>A meter that cannot open leaves the check to the client (a CONFIGURE_ACK warning says why); the encode goes on.</summary>
    private void OpenQualityMeter(EncoderSettings encoder, ReadOnlyMemory<byte> record)
    {
        try
        {
            _meter = _backend.CreateQualityMeter(
                new QualityMeterSettings(encoder.Codec, encoder.Width, encoder.Height, encoder.PixelFormat, record)
                {
                    DecodeOnly = _spec.Check == OutputCheck.Decode,
                },
                out var reason);
            _meterUnavailable = _meter is null ? reason : null;
        }
        catch (CodecException ex)
        {
            _meterUnavailable = $"no quality measurement here: {ex.Message}";
        }
    }

    private void OpenEncoder()
    {
        if (_spec.Encoder is { } encoderSettings)
        {
            _encoder = InBandParameterSetEncoder.WhenRequested(_backend.CreateEncoder(encoderSettings), encoderSettings);
        }
    }

    private void HandleEncodeFrame(CodecProtocol.EncodeFrame request)
    {
        using var frame = request.Frame;
        var input = new RawVideoFrame(
            frame.Pts,
            frame.Duration,
            frame.ForceKeyframe,
            ToPlaneView(frame.Planes[0]),
            ToPlaneView(frame.Planes[1]));
        try
        {
            SubmitAndDrain(input);
        }
        catch (CodecException ex) when (CanRecover(ex))
        {
            Recover(ex);
            SubmitAndDrain(input with { ForceKeyframe = true });
        }

        Context.Parent.Tell(SessionProtocol.InputConsumed.Instance);
    }

    /// <summary>Submits one frame and forwards every packet that came out; returns how many.</summary>
    private int SubmitAndDrain(in RawVideoFrame input)
    {
        var encoder = _encoder ?? throw new InvalidOperationException("encode on a decode session");
        var forwarded = 0;
        while (encoder.Submit(input) == SubmitResult.NeedsDrain)
        {
            forwarded += ForwardPackets(encoder);
        }

        _framesInsideEncoder++;
        return forwarded + ForwardPackets(encoder);
    }

    private int ForwardPackets(IVideoEncoder encoder)
    {
        var forwarded = 0;
        while (encoder.Receive(out var packet) == ReceiveResult.Output && packet is not null)
        {
            _framesInsideEncoder--;
            forwarded++;
            SendPacket(packet);
        }

        return forwarded;
    }

    /// <summary>The meter reads the packet before the session owns it (the session disposes it once sent). A pre-roll
    /// picture's packet is dropped here: the forced keyframe at the first kept picture closes the GOP, so every pre-roll
    /// packet comes before it in decode order and nothing kept refers to one.</summary>
    private void SendPacket(EncodedPacket packet)
    {
        if (_preRoll.Contains(packet.Pts))
        {
            packet.Dispose();
            return;
        }

        _meter?.Measure(packet);
        Context.Parent.Tell(new SessionProtocol.PacketEncoded(packet));
    }

    private void HandleDecodePacket(CodecProtocol.DecodePacket request)
    {
        var decoder = _decoder ?? throw new InvalidOperationException("decode on an encode session");
        var packet = request.Packet;
        var input = new EncodedPacketInput(packet.Data, packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe);
        while (decoder.Submit(input) == SubmitResult.NeedsDrain)
        {
            ForwardDecoded(decoder);
        }

        ForwardDecoded(decoder);
        Context.Parent.Tell(SessionProtocol.InputConsumed.Instance);
    }

    private void ForwardDecoded(IVideoDecoder decoder)
    {
        while (decoder.Receive(out var picture) == ReceiveResult.Output && picture is not null)
        {
            ForwardPicture(picture);
        }
    }

    /// <summary>
    /// Decode mode sends the picture to the session, written as a FRAME here (compression is CPU work, and this is
    /// the session's CPU thread); transcode mode re-encodes the ones the segment keeps. Returns the outputs sent.
    /// </summary>
    private int ForwardPicture(DecodedPicture picture)
    {
        using (picture)
        {
            if (_encoder is null)
            {
                Context.Parent.Tell(new SessionProtocol.PictureDecoded(OutboundFrame.Write(picture, _spec.OutputCompression, ArrayPool<byte>.Shared)));
                return 1;
            }

            var kept = _keep.Contains(picture.Pts);
            if (!kept && !_preRoll.Contains(picture.Pts))
            {
                return 0;
            }

            // The segment's first output frame is its keyframe, whatever the source GOP was (and whatever pre-roll came before).
            var frame = new RawVideoFrame(picture.Pts, picture.Duration, kept ? !_keptAny : !_encodedAny, picture.Luma, picture.Chroma);
            if (kept)
            {
                _meter?.Keep(frame);
                _keptAny = true;
            }

            var forwarded = SubmitAndDrain(frame);
            _encodedAny = true;
            return forwarded;
        }
    }

    private void HandleDrain()
    {
        if (_decoder is { } decoder)
        {
            decoder.Flush();
            _drain = DrainStage.Decoder;
        }
        else
        {
            _encoder?.Flush();
            _drain = DrainStage.Encoder;
        }

        ContinueDrain();
    }

    /// <summary>
    /// Sends the next credit window of drained outputs: the decoder's remaining pictures (re-encoded in transcode
    /// mode), then the encoder's remaining packets. The session's backlog is bounded by the credit window, so a
    /// slow socket must never receive a whole encoder delay at once.
    /// </summary>
    private void ContinueDrain()
    {
        var budget = Vtr1Connection.CreditWindow;
        while (budget > 0)
        {
            if (_drain == DrainStage.Decoder)
            {
                if (_decoder!.Receive(out var picture) == ReceiveResult.Output && picture is not null) // Decoder stage implies a decoder
                {
                    budget -= ForwardPicture(picture);
                    continue;
                }

                _encoder?.Flush();
                _drain = DrainStage.Encoder;
            }

            if (_drain != DrainStage.Encoder)
            {
                return; // drained already; a late ContinueDrain has nothing to do
            }

            if (_encoder is not null && _encoder.Receive(out var packet) == ReceiveResult.Output && packet is not null)
            {
                SendPacket(packet);
                budget--;
                continue;
            }

            _drain = DrainStage.Done;
            if (_meter is not null)
            {
                Context.Parent.Tell(new SessionProtocol.QualityMeasured(_meter.Finish()));
            }

            Context.Parent.Tell(SessionProtocol.CodecDrained.Instance);
            return;
        }

        Context.Parent.Tell(SessionProtocol.DrainPaused.Instance);
    }

    /// <summary>
    /// Reopening is safe only when no earlier frame is still inside the encoder (they would be lost) and the
    /// failure says it is transient; otherwise the failure escalates and the session ends with ERROR.
    /// </summary>
    private bool CanRecover(CodecException ex) =>
        ex.IsRecoverable && _encoder is not null && _framesInsideEncoder == 0 && _restarts < _maxRestarts;

    private void Recover(CodecException ex)
    {
        _restarts++;
        _log.Warning("Codec failed ({Reason}); reopening it, next frame is a keyframe (restart {Restart})", ex.Message, _restarts);
        _encoder?.Dispose();
        _encoder = null;
        // Only the encoder failed and only it is reopened (recovery runs for encode sessions, which have no decoder).
        OpenEncoder();
        Context.Parent.Tell(new SessionProtocol.CodecRecovered(ex.Message));
    }

    private static PlaneView ToPlaneView(FramePlane plane) => new(plane.Data, plane.Stride, plane.Height);

    private enum DrainStage
    {
        None,
        Decoder,
        Encoder,
        Done,
    }
}
