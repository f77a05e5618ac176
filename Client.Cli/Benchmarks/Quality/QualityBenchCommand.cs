using System.CommandLine;
using Spectre.Console;
using Vtr.Cli.Commands;
using Vtr.Cli.Embedded;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;

namespace Vtr.Cli.Benchmarks.Quality;

/// <summary>`vtr bench quality`: plain ffmpeg against the split encode on 1 and 3 embedded nodes, bitrate, PSNR, SSIM and BD-rate.</summary>
public static class QualityBenchCommand
{
    /// <summary>Columns the table needs when output goes to a file or pipe (Spectre assumes 80 there).</summary>
    private const int TableWidth = 120;

    public static Command Create()
    {
        var width = new Option<int>("--width") { Description = "clip width", DefaultValueFactory = _ => 1280 };
        var height = new Option<int>("--height") { Description = "clip height", DefaultValueFactory = _ => 720 };
        var seconds = new Option<double>("--seconds") { Description = "clip length (30 fps, testsrc2 with temporal noise)", DefaultValueFactory = _ => 10 };
        var segmentSeconds = new Option<double>("--segment-seconds") { Description = "segment length of the split encodes", DefaultValueFactory = _ => 2 };
        var preset = new Option<string>("--preset") { Description = "x264 preset of the nodes and of ffmpeg", DefaultValueFactory = _ => "veryfast" };
        var command = new Command("quality", "Encode one generated clip with plain ffmpeg and split through vtr (1 and 3 nodes) at four bitrates and four crfs; compare bitrate, PSNR, SSIM and BD-rate")
        {
            width, height, seconds, segmentSeconds, preset,
        };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            if (Console.IsOutputRedirected)
            {
                console.Profile.Width = Math.Max(console.Profile.Width, TableWidth);
            }

            var options = new QualityBenchOptions
            {
                Width = parse.GetValue(width),
                Height = parse.GetValue(height),
                Seconds = parse.GetValue(seconds),
                SegmentSeconds = parse.GetValue(segmentSeconds),
                Preset = parse.GetValue(preset)!,
            };
            if (!SoftwarePresetLadder.IsKnown(options.Preset) || options.Width < 16 || options.Height < 16 || options.Width % 2 != 0 || options.Height % 2 != 0
                || options.Seconds <= 0 || options.SegmentSeconds <= 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    "vtr bench quality: need even --width/--height ≥ 16, --seconds and --segment-seconds > 0 and a known x264 preset (see 'vtr bench quality --help')").ConfigureAwait(false);
                return (int)ExitCode.BadArguments;
            }

            try
            {
                var report = await QualityBenchmark.RunAsync(options, line => console.MarkupLineInterpolated($"[grey]{line}[/]"), ct).ConfigureAwait(false);
                console.Write(QualityBenchTable.Render(report));
                return (int)ExitCode.Success;
            }
            catch (Exception ex) when (ex is CodecException or MediaException or TranscodeFailedException or ClusterUnreachableException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"vtr bench quality: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Failure;
            }
        });
        return command;
    }
}
