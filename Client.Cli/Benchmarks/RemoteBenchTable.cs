using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Vtr.Cli.Benchmarks;

/// <summary>Renders a <see cref="RemoteBenchReport"/> as the Spectre.Console table `vtr bench remote` prints.</summary>
internal static class RemoteBenchTable
{
    private const string Dash = "—";

    public static IRenderable Render(RemoteBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var options = report.Options;
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title($"vtr bench remote — {report.Width}x{report.Height} NV12, {options.Frames} frames, "
                + $"{Markup.Escape(options.Codec.ToString().ToLowerInvariant())} {Markup.Escape(options.Preset)}, {report.ProcessorCount} cores")
            .Caption($"window {options.Window} frames, {options.Bitrate / 1_000_000.0:0.#} Mbit/s, raw frame {Mb(report.RawFrameBytes)}, "
                + $"{report.Local.Packets} packets per run; remote/local and transport CPU compare each mode's best run; "
                + "median of rounds pairs each remote run with the local run of its round; transport CPU = (remote − local process CPU) / frames");
        table.AddColumn("mode");
        table.AddColumn(new TableColumn("fps").RightAligned());
        table.AddColumn(new TableColumn("remote/\nlocal").RightAligned());
        table.AddColumn(new TableColumn("median\nof rounds").RightAligned());
        table.AddColumn(new TableColumn("wire/\nframe").RightAligned());
        table.AddColumn(new TableColumn("transport\nCPU/frame").RightAligned());
        table.AddColumn(new TableColumn("compr.\nratio").RightAligned());
        table.AddColumn(new TableColumn("compress+\ndecompress\nCPU/frame").RightAligned());
        table.AddColumn(new TableColumn("pays off\nbelow").RightAligned());
        foreach (var row in report.Rows())
        {
            table.AddRow(
                Markup.Escape(row.Mode),
                row.Fps.ToString("0.0", CultureInfo.InvariantCulture),
                Ratio(row.RatioToLocal, row.Mode == LocalEncodeRun.Mode),
                row.MedianRoundRatio is { } median ? Ratio(median, baseline: false) : Dash,
                row.WireBytesPerFrame is { } wire ? Mb(wire) : Dash,
                row.TransportCpuMsPerFrame is { } cpu ? Ms(cpu, signed: true) : Dash,
                row.CompressionRatio is { } ratio ? ratio.ToString("0.000", CultureInfo.InvariantCulture) + "x" : Dash,
                row.CodecMsPerFrame is { } codec ? Ms(codec, signed: false) : Dash,
                Link(row));
        }

        return table;
    }

    private static string Ratio(double ratio, bool baseline)
    {
        var text = ratio.ToString("0.00", CultureInfo.InvariantCulture);
        return baseline ? text : ratio >= 0.95 ? $"[green]{text}[/]" : $"[yellow]{text}[/]";
    }

    private static string Mb(double bytes) => (bytes / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture) + " MB";

    private static string Ms(double ms, bool signed) =>
        (signed && ms >= 0 ? "+" : "") + ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    private static string Link(RemoteBenchRow row)
    {
        if (row.CompressionRatio is null)
        {
            return Dash;
        }

        return row.PaysOffBelowBitsPerSecond is { } bits
            ? "< " + (bits / 1_000_000).ToString("0", CultureInfo.InvariantCulture) + " Mbit/s"
            : "never";
    }
}
