using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>Renders a <see cref="ClusterBenchReport"/> as the two Spectre.Console tables `vtr bench cluster` prints.</summary>
internal static class ClusterBenchTable
{
    private const string Dash = "—";
    private const double GigabitPerSecond = 1e9;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IRenderable Render(ClusterBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new Rows(Runs(report), Wire(report));
    }

    public static Table Runs(ClusterBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title($"vtr bench cluster — {o.Width}x{o.Height}, {report.Frames} frames, x264 {Markup.Escape(o.Preset)} "
                + $"{o.Bitrate / 1_000_000.0:0.#} Mbit/s, nodes {report.NodeMode}, {report.ProcessorCount} cores")
            .Caption($"nodes: 1 session, {ClusterTranscodeRun.NodeThreads} codec thread each; segments "
                + (o.SegmentSeconds is { } s ? $"of {s.ToString("0.##", Inv)} s" : "sized for the cluster")
                + (o.QualityCheck ? "; per-segment check on" : "; per-segment check off (--no-quality-check)")
                + $"; median of {Math.Max(1, o.Rounds)}; efficiency = speed-up ÷ k; best = what whole segments allow; "
                + $"load average {Markup.Escape(report.LoadBefore)} before, {Markup.Escape(report.LoadAfter)} after");
        table.AddColumn("configuration");
        table.AddColumn(new TableColumn("k").RightAligned());
        table.AddColumn(new TableColumn("wall").RightAligned());
        table.AddColumn(new TableColumn("fps").RightAligned());
        table.AddColumn(new TableColumn("speed-up").RightAligned());
        table.AddColumn(new TableColumn("efficiency").RightAligned());
        table.AddColumn(new TableColumn("best\nefficiency").RightAligned());
        table.AddColumn(new TableColumn("vs ffmpeg\nthreads 1").RightAligned());
        table.AddColumn("segments per node");
        table.AddRow(Row(report, report.SingleThreadFFmpeg));
        foreach (var run in report.ClusterRuns)
        {
            table.AddRow(Row(report, run));
        }

        return table;
    }

    public static Table Wire(ClusterBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title("upstream bytes per frame (client → nodes) and the frame rate a link could feed")
            .Caption("VTR1 FRAME/PACKET messages as the senders write them; link fps = link bit/s ÷ (bytes/frame × 8), before TCP/IP overhead");
        table.AddColumn("transport");
        table.AddColumn(new TableColumn("bytes/frame").RightAligned());
        table.AddColumn(new TableColumn("fps on\n1 Gb/s").RightAligned());
        table.AddColumn(new TableColumn("fps on\n10 Gb/s").RightAligned());
        foreach (var load in report.Wire)
        {
            table.AddRow(
                Markup.Escape(load.Mode),
                Bytes(load.BytesPerFrame),
                load.FpsOn(GigabitPerSecond).ToString("#,0", Inv),
                load.FpsOn(10 * GigabitPerSecond).ToString("#,0", Inv));
        }

        return table;
    }

    private static string[] Row(ClusterBenchReport report, ClusterBenchRun run)
    {
        var cluster = run.Nodes > 0;
        return
        [
            Markup.Escape(run.Name),
            cluster ? run.Nodes.ToString(Inv) : Dash,
            run.Elapsed.TotalSeconds.ToString("0.00", Inv) + " s",
            run.Fps.ToString("0.0", Inv),
            cluster ? report.SpeedUp(run).ToString("0.00", Inv) + "x" : Dash,
            cluster ? report.Efficiency(run).ToString("0.00", Inv) : Dash,
            cluster ? ClusterBenchReport.BestEfficiency(run).ToString("0.00", Inv) : Dash,
            report.RatioToSingleThread(run).ToString("0.00", Inv) + "x",
            cluster ? $"{run.SegmentFrames.Length}: " + string.Join(" · ", run.SegmentsPerNode) : Dash,
        ];
    }

    private static string Bytes(double bytes) => bytes >= 1_000_000
        ? (bytes / 1_000_000).ToString("0.000", Inv) + " MB"
        : (bytes / 1_000).ToString("0.0", Inv) + " kB";
}
