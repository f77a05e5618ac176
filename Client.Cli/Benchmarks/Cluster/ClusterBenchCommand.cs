using System.CommandLine;
using Spectre.Console;
using Vtr.Cli.Commands;
using Vtr.Cli.Embedded;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>`vtr bench cluster`: the same transcode on 1, 2, 3 and 3 mixed-speed embedded nodes against plain ffmpeg.</summary>
public static class ClusterBenchCommand
{
    /// <summary>Columns the tables need when output goes to a file or pipe (Spectre assumes 80 there).</summary>
    private const int TableWidth = 140;

    public static Command Create()
    {
        var width = new Option<int>("--width") { Description = "clip width", DefaultValueFactory = _ => 1280 };
        var height = new Option<int>("--height") { Description = "clip height", DefaultValueFactory = _ => 720 };
        var seconds = new Option<double>("--seconds") { Description = "clip length (25 fps, H.264 + AAC)", DefaultValueFactory = _ => 10 };
        var segmentSeconds = new Option<double>("--segment-seconds") { Description = "segment length", DefaultValueFactory = _ => 1 };
        var preset = new Option<string>("--preset") { Description = "x264 preset of the nodes and of ffmpeg", DefaultValueFactory = _ => "veryfast" };
        var rounds = new Option<int>("--rounds") { Description = "runs per configuration, interleaved; each keeps its fastest", DefaultValueFactory = _ => 1 };
        var secure = new Option<bool>("--secure") { Description = "compare configurations with and without farm TLS on the segments (the cost of a secured farm)" };
        var command = new Command("cluster", "Transcode one generated clip on 1, 2, 3 and mixed-speed embedded nodes and with plain ffmpeg; compare")
        {
            width, height, seconds, segmentSeconds, preset, rounds, secure,
        };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            if (Console.IsOutputRedirected)
            {
                console.Profile.Width = Math.Max(console.Profile.Width, TableWidth);
            }

            var options = new ClusterBenchOptions
            {
                Width = parse.GetValue(width),
                Height = parse.GetValue(height),
                Seconds = parse.GetValue(seconds),
                SegmentSeconds = parse.GetValue(segmentSeconds),
                Preset = parse.GetValue(preset)!,
                Rounds = Math.Max(1, parse.GetValue(rounds)),
                Secure = parse.GetValue(secure),
            };
            if (!SoftwarePresetLadder.IsKnown(options.Preset) || options.Width < 16 || options.Height < 16 || options.Seconds <= 0 || options.SegmentSeconds <= 0)
            {
                console.MarkupLine("[red]vtr bench cluster: need --width/--height ≥ 16, --seconds and --segment-seconds > 0 and a known x264 preset[/]");
                return (int)ExitCode.BadArguments;
            }

            try
            {
                var report = await ClusterBenchmark.RunAsync(options, line => console.MarkupLineInterpolated($"[grey]{line}[/]"), ct).ConfigureAwait(false);
                console.Write(ClusterBenchTable.Render(report));
                return (int)ExitCode.Success;
            }
            catch (Exception ex) when (ex is CodecException or MediaException or TranscodeFailedException or ClusterUnreachableException)
            {
                console.MarkupLineInterpolated($"[red]vtr bench cluster: {ex.Message}[/]");
                return (int)ExitCode.Failure;
            }
        });
        return command;
    }
}
