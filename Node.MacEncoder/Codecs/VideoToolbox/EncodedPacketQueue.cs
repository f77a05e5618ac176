namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// The hand-off between VideoToolbox output threads and the encoder's owner. Bounded by counting frames in
/// flight plus packets waiting: <see cref="TryReserve"/> refuses a frame when the sum reaches the capacity, so
/// the callback never blocks and never grows the queue past it. Thread-safe.
/// </summary>
public sealed class EncodedPacketQueue : IDisposable
{
    private readonly Lock _sync = new();
    private readonly Queue<EncodedPacket> _packets;
    private readonly TimestampTracker _tracker = new();
    private int _inFlight;
    private bool _flushed;
    private string? _failure;
    private bool _disposed;

    public EncodedPacketQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _packets = new Queue<EncodedPacket>(capacity);
    }

    public int Capacity { get; }

    public int InFlight
    {
        get
        {
            lock (_sync)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Claims a slot for one submitted frame; false when the owner must drain first.</summary>
    public bool TryReserve()
    {
        lock (_sync)
        {
            ThrowIfFailed();
            if (_inFlight + _packets.Count >= Capacity)
            {
                return false;
            }

            _inFlight++;
            return true;
        }
    }

    /// <summary>Returns a slot whose frame never reached the encoder (the submit call failed).</summary>
    public void Release()
    {
        lock (_sync)
        {
            _inFlight = Math.Max(0, _inFlight - 1);
        }
    }

    /// <summary>
    /// Called once per frame from an output callback. Takes ownership of <paramref name="packet"/> (null when the
    /// encoder dropped the frame), applies the <see cref="TimestampTracker"/> and queues or disposes it.
    /// </summary>
    public void Complete(EncodedPacket? packet)
    {
        lock (_sync)
        {
            _inFlight = Math.Max(0, _inFlight - 1);
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

    /// <summary>Records an asynchronous failure; the next Reserve or Receive throws it.</summary>
    public void Fail(string message)
    {
        lock (_sync)
        {
            _inFlight = Math.Max(0, _inFlight - 1);
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
