namespace Vtr.Client.Cli.Tests.Support;

/// <summary>
/// A clock that moves only when a test advances it, and tells the test when product code arms a timer on it, so a
/// test waits for the timer to exist (an event), then moves time past it instead of sleeping through a real timeout.
/// </summary>
public sealed class ManualClock : TimeProvider, IDisposable
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly SemaphoreSlim _armed = new(0);
    private TimeSpan _now;

    /// <summary>Completes once a timer has been armed (created with a due time, or changed to one) since the last call.</summary>
    public Task WaitUntilArmedAsync(CancellationToken ct) => _armed.WaitAsync(ct);

    /// <summary>Moves time on and fires every timer now due (on this thread, as a real timer's callback would run).</summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.DueAt is { } at && at <= _now).ToList();
            foreach (var timer in due)
            {
                timer.DueAt = null;
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    public void Dispose() => _armed.Dispose();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private void Arm(ManualTimer timer, TimeSpan dueTime)
    {
        lock (_gate)
        {
            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
        }

        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _armed.Release();
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public TimeSpan? DueAt { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Arm(this, dueTime);
            return true;
        }

        public void Dispose() => clock.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
