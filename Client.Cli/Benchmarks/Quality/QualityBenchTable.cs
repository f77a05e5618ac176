using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Vtr.Cli.Benchmarks.Quality;

/// <summary>Renders a <see cref="QualityBenchReport"/>: bitrate, PSNR and SSIM side by side per rate point, then the BD-rates.</summary>
internal static class QualityBenchTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IRenderable Render(QualityBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title($"vtr bench quality — {o.Width}x{o.Height} {o.FramesPerSecond} fps, {o.Seconds.ToString(Inv)} s testsrc2 + noise, "
                + $"x264 {Markup.Escape(o.Preset)}, {o.SessionsPerNode} session{(o.SessionsPerNode == 1 ? "" : "s")} per node, {Segments(report)}")
            .Caption("kb/s of the video stream; PSNR Y+U+V average (dB) and SSIM All against the clip");
        table.AddColumn("mode");
        table.AddColumn(new TableColumn("point").RightAligned());
        table.AddColumn(new TableColumn("ffmpeg\nkb/s  PSNR  SSIM").RightAligned());
        table.AddColumn(new TableColumn("ffmpeg, IDR every segment\nkb/s  PSNR  SSIM").RightAligned());
        foreach (var nodes in o.NodeCounts)
        {
            table.AddColumn(new TableColumn($"vtr, {nodes} node{(nodes == 1 ? "" : "s")}\nkb/s  PSNR  SSIM").RightAligned());
        }

        foreach (var row in report.Rows)
        {
            table.AddRow([row.Mode, row.Point, Cell(row.Ffmpeg), row.FfmpegSegmentIdr is { } idr ? Cell(idr) : "—", .. row.Split.Select(Cell)]);
        }

        foreach (var mode in report.Rows.Select(r => r.Mode).Distinct())
        {
            table.AddRow(["BD-rate", mode, "reference", Percent(report.BdRateOfSegmentIdr(mode)), .. o.NodeCounts.Select((_, i) => Percent(report.BdRate(mode, i)))]);
            table.AddRow(["BD-rate", mode, "", "reference", .. o.NodeCounts.Select((_, i) => Percent(report.BdRateOverSegmentIdr(mode, i)))]);
        }

        return table;
    }

    /// <summary>The fixed length, or what the default sizing cut on each cluster size.</summary>
    private static string Segments(QualityBenchReport report)
    {
        var o = report.Options;
        if (o.SegmentSeconds is { } fixedSeconds)
        {
            return $"{fixedSeconds.ToString(Inv)} s segments";
        }

        // Bitrate mode keeps its segments longer (SegmentSizing.BitrateMinSeconds), so each mode says what it cut.
        var modes = report.Rows.GroupBy(r => r.Mode).Select(g => (Mode: g.Key, Cuts: Cuts(o, g.First().SplitSegments))).ToList();
        var text = modes.Select(m => m.Cuts).Distinct().Count() == 1
            ? modes.FirstOrDefault().Cuts
            : string.Join("; ", modes.Select(m => $"{m.Mode}: {m.Cuts}"));
        return $"segments sized for the cluster ({text})";
    }

    private static string Cuts(QualityBenchOptions o, IEnumerable<int> counts) =>
        string.Join(", ", counts.Zip(o.NodeCounts, (count, nodes) => string.Create(Inv, $"{nodes} node{(nodes == 1 ? "" : "s")}: {count} of ~{o.Seconds / Math.Max(1, count):0.#} s")));

    private static string Cell(QualityMeasure m) => string.Create(Inv, $"{m.Kbps:0}  {m.Psnr:0.00}  {m.Ssim:0.0000}");

    private static string Percent(double? value) => value is { } v ? string.Create(Inv, $"{v:+0.00;-0.00} %") : "—";
}
