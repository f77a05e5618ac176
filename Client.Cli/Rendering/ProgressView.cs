using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Vtr.Cli.Rendering;

/// <summary>Draws a <see cref="ProgressSnapshot"/>: a Spectre table for the live display, or one plain line.</summary>
public sealed class ProgressView(IAnsiConsole console)
{
    public static IRenderable Build(ProgressSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(Summary(snapshot)));
        table.AddColumn("node");
        table.AddColumn(new TableColumn("frames").RightAligned());
        table.AddColumn(new TableColumn("share").RightAligned());
        table.AddColumn(new TableColumn("segments").RightAligned());
        table.AddColumn(new TableColumn("running").RightAligned());
        foreach (var node in snapshot.Nodes)
        {
            var share = snapshot.FramesDone > 0 ? (double)node.Frames / snapshot.FramesDone : 0;
            table.AddRow(
                Markup.Escape(node.Node),
                node.Frames.ToString(CultureInfo.InvariantCulture),
                (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%",
                node.Segments.ToString(CultureInfo.InvariantCulture),
                node.Running.ToString(CultureInfo.InvariantCulture));
        }

        return snapshot.Files.IsEmpty
            ? new Rows(new ProgressBarLine(snapshot.Fraction), table)
            : new Rows(new ProgressBarLine(snapshot.Fraction), FileTable(snapshot), table);
    }

    /// <summary>A batch's files, one row each, so a user sees which file is where within the total.</summary>
    private static Table FileTable(ProgressSnapshot snapshot)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("file");
        table.AddColumn(new TableColumn("frames").RightAligned());
        table.AddColumn(new TableColumn("segments").RightAligned());
        table.AddColumn(new TableColumn("done").RightAligned());
        foreach (var file in snapshot.Files)
        {
            table.AddRow(
                Markup.Escape(file.Name),
                string.Create(inv, $"{file.FramesDone}/{file.TotalFrames}"),
                string.Create(inv, $"{file.SegmentsDone}/{file.TotalSegments}"),
                (file.Fraction * 100).ToString("0", inv) + "%");
        }

        return table;
    }

    /// <summary>Writes <paramref name="line"/> followed by the job summary.</summary>
    public void WriteLine(string line, ProgressSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        console.Profile.Out.Writer.WriteLine($"{line} | {Summary(snapshot)}");
    }

    public static string Summary(ProgressSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var inv = CultureInfo.InvariantCulture;
        var eta = snapshot.Eta is { } e ? e.TotalSeconds.ToString("0", inv) + " s" : "?";
        var failures = snapshot.Failures > 0 ? string.Create(inv, $", {snapshot.Failures} retried") : "";
        var files = snapshot.Files.IsEmpty ? "" : string.Create(inv, $"{snapshot.Files.Length} files, ");
        return string.Create(inv,
            $"{files}{snapshot.FramesDone}/{snapshot.TotalFrames} frames, segments {snapshot.SegmentsDone}/{snapshot.TotalSegments}, {snapshot.Fps:0.0} fps, ETA {eta}{failures}");
    }

    /// <summary>A one-line bar: filled blocks for the done fraction and a percentage.</summary>
    private sealed class ProgressBarLine(double fraction) : Renderable
    {
        private const int Width = 40;

        protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
        {
            var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * Width);
            yield return new Segment(new string('█', filled), new Style(Color.Green));
            yield return new Segment(new string('░', Width - filled), new Style(Color.Grey));
            yield return new Segment(string.Create(CultureInfo.InvariantCulture, $" {fraction * 100:0}%"));
            yield return Segment.LineBreak;
        }
    }
}
