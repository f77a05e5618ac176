namespace Vtr.Node.Codecs;

/// <summary>
/// The hand-off between a codec's output threads (VideoToolbox callbacks) and the codec's owner, which drains it with
/// <see cref="Receive"/>. Bounded by counting slots: items in flight (a reserved ticket each) plus items waiting;
/// <see cref="TryReserve"/> refuses when the sum reaches the capacity, so a callback never blocks and never grows the
/// queue past it. A ticket is positive, never reused, and frees its slot once (<see cref="Complete"/>,
/// <see cref="Release"/> or <see cref="Fail(nint, string)"/>); a second report for it frees nothing. Owns every item it
/// accepts: what is not received is disposed, including items that arrive after <see cref="Dispose"/>. Thread-safe.
/// </summary>
/// <typeparam name="T">A pooled output (an encoded packet, a decoded picture).</typeparam>
public sealed class HandOffQueue<T> : IDisposable
    where T : class, IDisposable
{
    private readonly Lock _sync = new();
    private readonly Queue<T> _waiting;
    private readonly HashSet<nint> _inFlight;
    private readonly Func<T, bool>? _admit;
    private nint _lastTicket;
    private bool _flushed;
    private string? _failure;
    private bool _disposed;

    /// <param name="capacity">Slots: items in flight plus items waiting.</param>
    /// <param name="admit">Runs under the lock for each arriving item (in arrival order); false disposes the item.</param>
    public HandOffQueue(int capacity, Func<T, bool>? admit = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _admit = admit;
        _waiting = new Queue<T>(capacity);
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

    /// <summary>True when in-flight plus waiting items fill the capacity: the owner must drain before submitting.</summary>
    public bool IsFull
    {
        get
        {
            lock (_sync)
            {
                return _inFlight.Count + _waiting.Count >= Capacity;
            }
        }
    }

    /// <summary>Claims a slot for one submitted input and returns its ticket; false when the owner must drain first.</summary>
    public bool TryReserve(out nint ticket)
    {
        lock (_sync)
        {
            ThrowIfFailed();
            ticket = 0;
            if (_inFlight.Count + _waiting.Count >= Capacity)
            {
                return false;
            }

            ticket = ++_lastTicket;
            _inFlight.Add(ticket);
            return true;
        }
    }

    /// <summary>Returns the slot of an input that will never reach an output callback.</summary>
    public void Release(nint ticket)
    {
        lock (_sync)
        {
            _inFlight.Remove(ticket);
        }
    }

    /// <summary>The output for <paramref name="ticket"/> (null: none, the input was dropped); takes ownership of it.</summary>
    public void Complete(nint ticket, T? item)
    {
        lock (_sync)
        {
            _inFlight.Remove(ticket);
            if (item is not null)
            {
                AddLocked(item);
            }
        }
    }

    /// <summary>An output that holds no ticket (the owner bounds its inputs with <see cref="IsFull"/>); takes ownership.</summary>
    public void Add(T item)
    {
        lock (_sync)
        {
            AddLocked(item);
        }
    }

    /// <summary>Records an asynchronous failure; the next <see cref="TryReserve"/> or <see cref="Receive"/> throws it.</summary>
    public void Fail(string message)
    {
        lock (_sync)
        {
            _failure ??= message;
        }
    }

    /// <summary>Records the failure of <paramref name="ticket"/>'s input and frees its slot.</summary>
    public void Fail(nint ticket, string message)
    {
        lock (_sync)
        {
            _inFlight.Remove(ticket);
            _failure ??= message;
        }
    }

    /// <summary>No more input will come: once empty, <see cref="Receive"/> reports end of stream.</summary>
    public void MarkFlushed()
    {
        lock (_sync)
        {
            _flushed = true;
        }
    }

    /// <summary>The next waiting item (ownership passes to the caller); waiting items come out before a failure.</summary>
    public ReceiveResult Receive(out T? item)
    {
        lock (_sync)
        {
            if (_waiting.TryDequeue(out item))
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
            while (_waiting.TryDequeue(out var item))
            {
                item.Dispose();
            }
        }
    }

    private void AddLocked(T item)
    {
        if (_disposed || (_admit is not null && !_admit(item)))
        {
            item.Dispose();
            return;
        }

        _waiting.Enqueue(item);
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new CodecException(_failure) { IsRecoverable = true };
        }
    }
}
