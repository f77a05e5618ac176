namespace Vtr.Node.Codecs;

/// <summary>
/// The original server's per-output timestamp fix-up (WIRE.md §6.4), applied in emission (decode) order:
/// drop a packet whose pts repeats the previous emitted pts, keep dts ≤ pts, and make dts strictly increasing
/// where that does not push it past pts. Not thread-safe: one owner per session (the VideoToolbox queue under its lock, the session actor).
/// </summary>
public sealed class TimestampTracker
{
    private bool _hasPrevious;
    private long _previousPts;
    private long _previousDts;

    /// <summary>Returns false when the packet must be dropped (nothing is remembered then).</summary>
    public bool TryTrack(long pts, long rawDts, out long dts)
    {
        if (_hasPrevious && pts == _previousPts)
        {
            dts = 0;
            return false;
        }

        dts = rawDts;
        if (dts > pts)
        {
            dts = pts;
        }

        if (_hasPrevious && dts <= _previousDts)
        {
            dts = _previousDts + 1;
        }

        if (dts > pts)
        {
            dts = pts;
        }

        _hasPrevious = true;
        _previousPts = pts;
        _previousDts = dts;
        return true;
    }
}
