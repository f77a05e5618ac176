namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// Remembers the duration sent with each pts so it can be restored on the output, without relying on the
/// AVFrame/AVPacket duration fields whose names and offsets moved between FFmpeg 5.1 and 7.x. Bounded:
/// the oldest entries are overwritten, which only matters for a codec holding more than the capacity.
/// </summary>
internal sealed class PtsDurationRing
{
    private const int Capacity = 128;
    private readonly long[] _pts = new long[Capacity];
    private readonly long[] _durations = new long[Capacity];
    private int _next;
    private int _count;

    public void Add(long pts, long duration)
    {
        _pts[_next] = pts;
        _durations[_next] = duration;
        _next = (_next + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
    }

    /// <summary>The duration recorded for <paramref name="pts"/>, newest first; 0 when unknown.</summary>
    public long Find(long pts)
    {
        for (var i = 1; i <= _count; i++)
        {
            var index = (_next - i + Capacity) % Capacity;
            if (_pts[index] == pts)
            {
                return _durations[index];
            }
        }

        return 0;
    }
}
