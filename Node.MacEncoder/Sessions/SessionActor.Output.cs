using Akka.Actor;
using Vtr.Node.Codecs;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

/// <summary>
/// The send side: every output goes through <see cref="Emit"/>, in order. While a flush is pending (the socket
/// is slower than the codec) outputs wait in a backlog bounded by the credit window, and input credits are held
/// back, so the client is slowed by TCP instead of memory growing here.
/// </summary>
public sealed partial class SessionActor
{
    private readonly Queue<object> _backlog = new();
    private readonly PlaneView[] _outputPlanes = new PlaneView[2];
    private readonly TimestampTracker _timestamps = new();
    private bool _flushing;
    private bool _finishRequested;
    private int _deferredCredits;
    private WireCompression _outputCompression;

    private void Send(IVtr1Message message) => Emit(message);

    private void Emit(object item)
    {
        if (_flushing)
        {
            _backlog.Enqueue(item);
            return;
        }

        WriteItem(item);
        StartFlush();
    }

    private void WriteItem(object item)
    {
        var output = _connection.Output.Output;
        switch (item)
        {
            case EncodedPacket packet:
                using (packet)
                {
                    // The original server's fix-up (WIRE.md §6.4): one packet per pts, dts strictly increasing and ≤ pts.
                    if (!_timestamps.TryTrack(packet.Pts, packet.Dts, out var dts))
                    {
                        break;
                    }

                    PacketMessage.Write(output, packet.Pts, dts, packet.Duration, packet.IsKeyframe ? 1u : 0u, packet.Data.Span);
                    _stats.OutputCount++;
                    _stats.OutputBytes += packet.Length;
                }

                break;
            case DecodedPicture picture:
                using (picture)
                {
                    _outputPlanes[0] = picture.Luma;
                    _outputPlanes[1] = picture.Chroma;
                    FrameMessage.Write(output, picture.Pts, picture.Duration, 0, _outputPlanes, _outputCompression);
                    _stats.OutputCount++;
                    _stats.OutputBytes += picture.Luma.Data.Length + picture.Chroma.Data.Length;
                }

                break;
            case IVtr1Message message:
                message.Write(output);
                break;
        }
    }

    private void StartFlush()
    {
        var flush = _connection.Output.FlushAsync(CancellationToken.None);
        if (flush.IsCompletedSuccessfully)
        {
            return;
        }

        _flushing = true;
        flush.AsTask().PipeTo(Self,
            success: () => SessionProtocol.OutputFlushed.Instance,
            failure: ex => new SessionProtocol.OutputFailed(ex.Message));
    }

    private void HandleOutputFlushed()
    {
        _flushing = false;
        if (_backlog.Count > 0)
        {
            while (_backlog.TryDequeue(out var item))
            {
                WriteItem(item);
            }

            StartFlush();
        }

        if (_flushing)
        {
            return;
        }

        for (; _deferredCredits > 0; _deferredCredits--)
        {
            _connection.ReturnCredit();
        }

        if (_finishRequested)
        {
            BeginFinish();
        }
    }

    /// <summary>Returns an input credit now, or after the pending flush when output is backed up.</summary>
    private void ReturnCredit()
    {
        if (_flushing)
        {
            _deferredCredits++;
            return;
        }

        _connection.ReturnCredit();
    }
}
