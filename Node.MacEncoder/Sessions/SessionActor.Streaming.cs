using Akka.Actor;
using Akka.Event;
using Vtr.Node.Codecs;
using Vtr.Node.Transport;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

public sealed partial class SessionActor
{
    private long? _lastSubmittedPts;

    private void Streaming()
    {
        Receive<ConnectionEvents.MessageReceived>(received => HandleWhileStreaming(received.Message));
        ReceiveCodecOutputs();
        HandleCommonEvents();
    }

    private void ReceiveCodecOutputs()
    {
        Receive<SessionProtocol.PacketEncoded>(encoded =>
        {
            _policy.Frames.Add();
            Emit(PendingOutput.Of(encoded.Packet));
        });
        Receive<SessionProtocol.PictureDecoded>(decoded =>
        {
            _policy.Frames.Add();
            Emit(PendingOutput.Of(decoded.Frame));
        });
        Receive<SessionProtocol.InputConsumed>(_ => ReturnCredit());
        Receive<SessionProtocol.CodecRecovered>(recovered =>
            _log.Warning("Codec for {RemoteEndPoint} reopened after: {Reason}", _connection.RemoteEndPoint, recovered.Reason));
    }

    private void HandleWhileStreaming(IVtr1Message message)
    {
        RestartIdleTimer();
        switch (message)
        {
            case FrameMessage frame when _mode == SessionMode.Encode:
                HandleFrame(frame);
                break;
            case PacketMessage packet when _mode is SessionMode.Decode or SessionMode.Transcode:
                _stats.CountInput(packet.Pts, packet.Data.Length);
                _codec!.Tell(new CodecProtocol.DecodePacket(packet)); // streaming implies an open codec
                break;
            case FlushMessage:
                _connection.ReturnCredit();
                Become(Draining);
                _codec!.Tell(CodecProtocol.Drain.Instance);
                break;
            case PingMessage:
                ReturnCredit(); // after the PONG is flushed: a PING flood must not grow the backlog
                Send(PongMessage.Instance);
                break;
            case UnknownMessage or PongMessage:
                // Unknown types are skipped while streaming, as both original peers do.
                _connection.ReturnCredit();
                break;
            default:
                _connection.ReturnCredit();
                (message as IDisposable)?.Dispose();
                Fail(Vtr1ErrorCode.UnexpectedMessage, $"{message.Type} is not allowed while {_stats.Mode} streaming");
                break;
        }
    }

    private void HandleFrame(FrameMessage frame)
    {
        if (FrameShapeError(frame) is { } error)
        {
            frame.Dispose();
            _connection.ReturnCredit();
            Fail(Vtr1ErrorCode.BadRequest, error);
            return;
        }

        if (frame.Pts == _lastSubmittedPts)
        {
            // The real client re-sends a FRAME when its window was full (WIRE.md §3.2): one packet per pts.
            frame.Dispose();
            _connection.ReturnCredit();
            return;
        }

        _lastSubmittedPts = frame.Pts;
        var bytes = 0L;
        foreach (var plane in frame.Planes)
        {
            bytes += plane.Data.Length;
        }

        _stats.CountInput(frame.Pts, bytes);

        _codec!.Tell(new CodecProtocol.EncodeFrame(frame)); // streaming implies an open codec
    }

    /// <summary>Planes must cover the configured picture; the encoder must never read past a buffer.</summary>
    private string? FrameShapeError(FrameMessage frame)
    {
        var configure = _configure!;
        var bytesPerSample = configure.PixelFormat == WirePixelFormat.P010 ? 2 : 1;
        var rowBytes = (long)configure.Width * bytesPerSample;
        if (frame.Planes.Count < 2)
        {
            return $"FRAME has {frame.Planes.Count} planes; NV12/P010 need 2";
        }

        var luma = frame.Planes[0];
        var chroma = frame.Planes[1];
        if (luma.Stride < rowBytes || chroma.Stride < rowBytes)
        {
            return $"plane stride {luma.Stride}/{chroma.Stride} is below the picture row of {rowBytes} bytes";
        }

        if (luma.Height < configure.Height || chroma.Height < configure.Height / 2)
        {
            return $"plane heights {luma.Height}/{chroma.Height} do not cover {configure.Width}x{configure.Height}";
        }

        return null;
    }

    private void Draining()
    {
        Receive<ConnectionEvents.MessageReceived>(received =>
        {
            // Repeated FLUSH and anything after it are ignored (WIRE.md §3.2); we answer once.
            _connection.ReturnCredit();
            (received.Message as IDisposable)?.Dispose();
        });
        ReceiveCodecOutputs();
        Receive<SessionProtocol.DrainPaused>(_ => HandleDrainPaused());
        Receive<SessionProtocol.QualityMeasured>(measured => Send(ToMessage(measured.Measurement)));
        Receive<SessionProtocol.CodecDrained>(_ =>
        {
            _log.Debug("DONE client={Client} in={InputCount} out={OutputCount}", _clientName, _stats.InputCount, _stats.OutputCount);
            ReleaseSlot();
            Send(DoneMessage.Instance);
            Finish();
        });
        HandleCommonEvents();
    }

    private static QualityMessage ToMessage(QualityMeasurement m) =>
        new((QualityMessageVerdict)m.Verdict, (uint)m.FramesMeasured, (uint)m.FramesEncoded, m.MeanSquaredError, m.Ssim, m.Detail);
}
