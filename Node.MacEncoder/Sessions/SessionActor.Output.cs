using System.Buffers;
using Akka.Actor;
using Vtr.Node.Codecs;
using Vtr.Node.Transport;
using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

/// <summary>
/// The send side: every output goes through <see cref="Emit"/>, in order. While a flush is pending (the socket
/// is slower than the codec) outputs wait in an <see cref="OutputBacklog"/> bounded by the credit window, and input
/// credits are held back, so the client is slowed by TCP instead of memory growing here.
/// </summary>
public sealed partial class SessionActor
{
    /// <summary>The credit window's outputs plus the session's last message (DONE or ERROR).</summary>
    private readonly OutputBacklog _backlog = new(Vtr1Connection.CreditWindow + 1);
    private readonly TimestampTracker _timestamps = new();
    private bool _flushing;
    private bool _finishRequested;
    private bool _drainPaused;
    private int _deferredCredits;

    private void Send(IVtr1Message message) => Emit(PendingOutput.Of(message));

    private void Emit(PendingOutput output)
    {
        if (_flushing)
        {
            _backlog.Enqueue(output);
            return;
        }

        Write(output);
        StartFlush();
    }

    private void Write(PendingOutput output)
    {
        var pipe = _connection.Output.Output;
        if (output.Packet is { } packet)
        {
            using (packet)
            {
                // The original server's fix-up (WIRE.md §6.4): one packet per pts, dts strictly increasing and ≤ pts.
                if (_timestamps.TryTrack(packet.Pts, packet.Dts, out var dts))
                {
                    PacketMessage.Write(pipe, packet.Pts, dts, packet.Duration, packet.IsKeyframe ? 1u : 0u, packet.Data.Span);
                    _stats.OutputCount++;
                    _stats.OutputBytes += packet.Length;
                }
            }
        }
        else if (output.Frame is { } frame)
        {
            using (frame)
            {
                // Compressed on the codec's thread: only a copy is left to do here.
                pipe.Write(frame.Message.Span);
                _stats.OutputCount++;
                _stats.OutputBytes += frame.PictureBytes;
            }
        }
        else
        {
            output.Control?.Write(pipe);
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
            while (_backlog.TryDequeue(out var output))
            {
                Write(output);
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

        if (_drainPaused)
        {
            _drainPaused = false;
            _codec?.Tell(CodecProtocol.ContinueDrain.Instance);
        }

        if (_finishRequested)
        {
            BeginFinish();
        }
    }

    /// <summary>The codec sent a batch of drained outputs: ask for the next once they are on their way.</summary>
    private void HandleDrainPaused()
    {
        if (_flushing)
        {
            _drainPaused = true;
            return;
        }

        _codec?.Tell(CodecProtocol.ContinueDrain.Instance);
    }

    /// <summary>
    /// Returns an input credit now, or after the pending flush when output is backed up: an input is not done
    /// until what it produced is on its way, which is what bounds the backlog.
    /// </summary>
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
