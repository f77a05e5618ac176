namespace Vtr.Node.Sessions;

/// <summary>
/// Keeps PACKET dts strictly increasing and never above pts, whatever a backend reports (the original server's
/// TimestampTracker steps 2–4, WIRE.md §6.4). Clients and muxers reject anything else.
/// </summary>
public sealed class DtsSequencer
{
    private long? _previous;

    public long Next(long pts, long dts)
    {
        if (dts > pts)
        {
            dts = pts;
        }

        if (_previous is { } previous && dts <= previous)
        {
            dts = previous + 1;
        }

        if (dts > pts)
        {
            // Only when pts itself goes backwards (a client bug); pts wins, as in the original server.
            dts = pts;
        }

        _previous = dts;
        return dts;
    }
}
