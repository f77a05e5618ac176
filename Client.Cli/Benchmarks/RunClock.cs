using System.Diagnostics;

namespace Vtr.Cli.Benchmarks;

/// <summary>
/// Wall time and process CPU time since <see cref="Start"/>. CPU comes from <see cref="Environment.CpuUsage"/>
/// (getrusage), the counter behind <see cref="Process.TotalProcessorTime"/>, read without allocating a Process.
/// </summary>
internal readonly struct RunClock
{
    private readonly long _startTimestamp;
    private readonly TimeSpan _startCpu;

    private RunClock(long startTimestamp, TimeSpan startCpu)
    {
        _startTimestamp = startTimestamp;
        _startCpu = startCpu;
    }

    public static RunClock Start() => new(Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime);

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTimestamp);

    public TimeSpan ProcessCpu => Environment.CpuUsage.TotalTime - _startCpu;
}
