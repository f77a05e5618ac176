using System.Diagnostics;

namespace Vtr.Node.Sessions;

/// <summary>Counters for the end-of-session SUMMARY line. Touched only by the owning actor.</summary>
internal sealed class SessionStatistics
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public string Mode { get; set; } = "none";

    public long InputCount { get; private set; }

    /// <summary>A transcode segment's pts range: input packets outside it (a pre-roll, the GOP it decodes from, open-GOP
    /// leaders) are decoded but never output, so the summary names them instead of letting "120 in, 90 out" read as loss.</summary>
    public PtsRange? Keep { get; set; }

    public long InputOutsideKeep { get; private set; }

    public long OutputCount { get; set; }

    public long InputBytes { get; private set; }

    public long OutputBytes { get; set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Counts one input packet or frame of presentation time <paramref name="pts"/>.</summary>
    public void CountInput(long pts, long bytes)
    {
        InputCount++;
        InputBytes += bytes;
        if (Keep is { } keep && !keep.Contains(pts))
        {
            InputOutsideKeep++;
        }
    }
}
