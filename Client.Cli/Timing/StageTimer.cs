using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Vtr.Cli.Timing;

/// <summary>
/// Wall time per <see cref="JobStage"/> of a transcode, measured with <see cref="Stopwatch"/> timestamps where each
/// stage runs (`vtr transcode --timings` prints it). Thread-safe: a batch's files finish concurrently and add up.
/// A stage that never ran is reported as such, not as zero.
/// </summary>
public sealed class StageTimer
{
    private static readonly int StageCount = Enum.GetValues<JobStage>().Length;
    private readonly long[] _ticks = new long[StageCount];
    private readonly int[] _runs = new int[StageCount];

    /// <summary>Adds <paramref name="elapsed"/> to <paramref name="stage"/>.</summary>
    public void Add(JobStage stage, TimeSpan elapsed)
    {
        Interlocked.Add(ref _ticks[(int)stage], elapsed.Ticks);
        Interlocked.Increment(ref _runs[(int)stage]);
    }

    /// <summary>Times <paramref name="stage"/> until the returned scope is disposed.</summary>
    public Scope Measure(JobStage stage) => new(this, stage, Stopwatch.GetTimestamp());

    /// <summary>Total wall time of <paramref name="stage"/>; null when it never ran.</summary>
    public TimeSpan? this[JobStage stage] =>
        Volatile.Read(ref _runs[(int)stage]) == 0 ? null : TimeSpan.FromTicks(Interlocked.Read(ref _ticks[(int)stage]));

    /// <summary>Records how long the process ran before now (runtime start-up, JIT, argument parsing).</summary>
    public void RecordProcessStartUp()
    {
        using var self = Process.GetCurrentProcess();
        Add(JobStage.ProcessStartUp, DateTime.Now - self.StartTime);
    }

    /// <summary>One line per stage with its share of <paramref name="total"/>, then the total and this process's CPU time.</summary>
    public string Format(TimeSpan total)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder("timings (wall clock; the embedded cluster starts during the probe, per-segment checks overlap the encode):\n");
        foreach (var stage in Enum.GetValues<JobStage>())
        {
            var name = Name(stage);
            text.Append(inv, $"  {name,-18}");
            text.Append(this[stage] is { } elapsed
                ? string.Create(inv, $"{elapsed.TotalSeconds,8:0.000} s {Share(elapsed, total),6}\n")
                : "       — (not run)\n");
        }

        var cpu = Environment.CpuUsage.TotalTime;
        text.Append(inv, $"  {"total",-18}{total.TotalSeconds,8:0.000} s, CPU {cpu.TotalSeconds:0.00} s in this process");
        if (ChildCpu.Read() is { } tools)
        {
            text.Append(inv, $" + {tools.TotalSeconds:0.00} s in ffmpeg/ffprobe");
        }

        return text.Append('\n').ToString();
    }

    /// <summary>The stage's name as printed.</summary>
    public static string Name(JobStage stage) => stage switch
    {
        JobStage.ProcessStartUp => "process start-up",
        JobStage.ClusterStartUp => "cluster start-up",
        JobStage.Probe => "probe",
        JobStage.SegmentPlan => "segment plan",
        JobStage.Encode => "encode",
        JobStage.SegmentCheck => "per-segment check",
        JobStage.Assembly => "assembly",
        JobStage.FinalCheck => "final check",
        JobStage.ClusterShutdown => "cluster shut-down",
        _ => stage.ToString(),
    };

    private static string Share(TimeSpan part, TimeSpan total) =>
        total > TimeSpan.Zero ? (part / total).ToString("0%", CultureInfo.InvariantCulture) : "";

    /// <summary>Ends a <see cref="Measure"/>d stage.</summary>
    public readonly struct Scope(StageTimer timer, JobStage stage, long started) : IDisposable
    {
        public void Dispose() => timer.Add(stage, Stopwatch.GetElapsedTime(started));
    }
}
