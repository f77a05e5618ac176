namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// The hand-off between VideoToolbox output threads and the encoder's owner. Bounded by counting frames in
/// flight plus packets waiting: <see cref="TryReserve"/> refuses a frame when the sum reaches the capacity, so
/// the callback never blocks and never grows the queue past it. Each reserved slot is a ticket (the frame's
/// sourceFrameRefCon), released exactly once: by its output callback, by a failed submit, or at once when
/// VTCompressionSessionEncodeFrame reports a synchronous kVTEncodeInfo_FrameDropped. A callback that still comes for
/// a released ticket does not free a second slot. Thread-safe.
/// </summary>
public sealed class EncodedPacketQueue : IDisposable
{
    private readonly Lock _sync = new();
    private readonly Queue<EncodedPacket> _packets;
    private readonly TimestampTracker _tracker = new();
    private readonly HashSet<nint> _inFlight;
    private nint _lastTicket;
    private bool _flushed;
    private string? _failure;
    private bool _disposed;

    public EncodedPacketQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _packets = new Queue<EncodedPacket>(capacity);
        _inFlight = new HashSet<nint>(capacity);
    }

    public int Capacity { get; }

    public int InFlight
    {
        get
        {
            lock (_sync)
            {
                return _inFlight.Count;
            }
        }
    }

    /// <summary>
    /// Claims a slot for one submitted frame and returns its ticket (positive, never reused within a session);
    /// false when the owner must drain first.
    /// </summary>
    public bool TryReserve(out nint ticket)
    {
        lock (_sync)
        {
            ThrowIfFailed();
            ticket = 0;
            if (_inFlight.Count + _packets.Count >= Capacity)
            {
                return false;
            }

            ticket = ++_lastTicket;
            _inFlight.Add(ticket);
            return true;
        }
    }

    /// <summary>Returns the slot of a frame that will never reach an output callback (the submit call failed).</summary>
    public void Release(nint ticket)
    {
        lock (_sync)
        {
            _inFlight.Remove(ticket);
        }
    }

    /// <summary>
    /// Records the infoFlagsOut of the VTCompressionSessionEncodeFrame call that took <paramref name="ticket"/>'s frame.
    /// A synchronous drop frees the slot now: VTCompressionSession.h promises no output for it, and a callback that
    /// comes anyway finds the ticket released and frees nothing.
    /// </summary>
    public void Submitted(nint ticket, VtEncodeInfoFlags infoFlags)
    {
        if ((infoFlags & VtEncodeInfoFlags.FrameDropped) != 0)
        {
            Release(ticket);
        }
    }

    /// <summary>
    /// Called once per frame from an output callback. Takes ownership of <paramref name="packet"/> (null when the
    /// encoder dropped the frame), applies the <see cref="TimestampTracker"/> and queues or disposes it.
    /// </summary>
    public void Complete(nint ticket, EncodedPacket? packet)
    {
        lock (_sync)
        {
            _inFlight.Remove(ticket);
            if (packet is null)
            {
                return;
            }

            if (_disposed || !_tracker.TryTrack(packet.Pts, packet.Dts, out var dts))
            {
                packet.Dispose();
                return;
            }

            packet.Dts = dts;
            _packets.Enqueue(packet);
        }
    }

    /// <summary>Records an asynchronous failure of <paramref name="ticket"/>'s frame; the next Reserve or Receive throws it.</summary>
    public void Fail(nint ticket, string message)
    {
        lock (_sync)
        {
            _inFlight.Remove(ticket);
            _failure ??= message;
        }
    }

    /// <summary>No more frames will come: once empty, <see cref="Receive"/> reports end of stream.</summary>
    public void MarkFlushed()
    {
        lock (_sync)
        {
            _flushed = true;
        }
    }

    public ReceiveResult Receive(out EncodedPacket? packet)
    {
        lock (_sync)
        {
            if (_packets.TryDequeue(out packet))
            {
                return ReceiveResult.Output;
            }

            ThrowIfFailed();
            return _flushed ? ReceiveResult.EndOfStream : ReceiveResult.NeedsInput;
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
            while (_packets.TryDequeue(out var packet))
            {
                packet.Dispose();
            }
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new CodecException(_failure) { IsRecoverable = true };
        }
    }
}
