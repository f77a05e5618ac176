using System.Diagnostics;

namespace Vtr.Node.Sessions;

/// <summary>Counters for the end-of-session SUMMARY line. Touched only by the owning actor.</summary>
internal sealed class SessionStatistics
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public string Mode { get; set; } = "none";

    public long InputCount { get; set; }

    public long OutputCount { get; set; }

    public long InputBytes { get; set; }

    public long OutputBytes { get; set; }

    public TimeSpan Elapsed => _clock.Elapsed;
}
