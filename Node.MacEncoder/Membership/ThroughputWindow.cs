namespace Vtr.Node.Membership;

/// <summary>
/// Frames per second over the last few seconds from samples of a running frame total (pure: the caller gives the time).
/// A window of several seconds smooths the bursts of a session's start and flush without hiding an idle node for long.
/// </summary>
public sealed class ThroughputWindow(TimeSpan span)
{
    private readonly Queue<(DateTimeOffset At, long Total)> _samples = new();

    public double Sample(DateTimeOffset now, long total)
    {
        _samples.Enqueue((now, total));
        while (_samples.Count > 2 && now - _samples.Peek().At > span)
        {
            _samples.Dequeue();
        }

        var (firstAt, firstTotal) = _samples.Peek();
        var seconds = (now - firstAt).TotalSeconds;
        return seconds <= 0 ? 0 : (total - firstTotal) / seconds;
    }
}
