using System.CommandLine;
using Spectre.Console;
using Vtr.Cli.Benchmarks;
using Vtr.Cli.Benchmarks.Cluster;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Cli.Commands;

/// <summary>`vtr bench`: measurements of the transport; `vtr bench remote` compares in-process encoding with a node over
/// loopback, `vtr bench cluster` the same transcode on 1, 2, 3 and mixed-speed embedded nodes with plain ffmpeg,
/// `vtr bench quality` what splitting costs in bits at equal quality.</summary>
public static class BenchCommand
{
    /// <summary>Columns the report table needs when output goes to a file or pipe (Spectre assumes 80 there).</summary>
    private const int TableWidth = 110;

    public static Command Create()
    {
        var bench = new Command("bench", "Measure what the transport costs");
        bench.Subcommands.Add(CreateRemote());
        bench.Subcommands.Add(ClusterBenchCommand.Create());
        bench.Subcommands.Add(Benchmarks.Quality.QualityBenchCommand.Create());
        bench.Subcommands.Add(Benchmarks.Tls.TlsBenchCommand.Create());
        return bench;
    }

    private static Command CreateRemote()
    {
        var frames = new Option<int>("--frames") { Description = "frames to encode per mode", DefaultValueFactory = _ => 300 };
        var width = new Option<int>("--width") { Description = "picture width", DefaultValueFactory = _ => 1920 };
        var height = new Option<int>("--height") { Description = "picture height", DefaultValueFactory = _ => 1080 };
        var codec = new Option<string>("--codec") { Description = "h264 | hevc", DefaultValueFactory = _ => VideoCodecNames.H264 };
        codec.AcceptOnlyFromAmong(VideoCodecNames.H264, VideoCodecNames.Hevc);
        var preset = new Option<string>("--preset") { Description = "x264/x265 preset, local and remote alike", DefaultValueFactory = _ => "veryfast" };
        var compression = new Option<string>("--compression") { Description = "wire compressions to run remotely: none,lz4,zstd", DefaultValueFactory = _ => "none,lz4,zstd" };
        var rounds = new Option<int>("--rounds") { Description = "runs per mode, interleaved; each mode reports its best", DefaultValueFactory = _ => 1 };

        var command = new Command("remote", "Encode one generated clip in-process and through a node on loopback TCP; compare")
        {
            frames, width, height, codec, preset, compression, rounds,
        };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            if (Console.IsOutputRedirected)
            {
                console.Profile.Width = Math.Max(console.Profile.Width, TableWidth);
            }

            if (!CompressionNames.TryParseList(parse.GetValue(compression) ?? "", out var compressions, out var bad))
            {
                console.MarkupLineInterpolated($"[red]vtr bench remote: unknown --compression '{bad}' (use none, lz4, zstd)[/]");
                return (int)ExitCode.BadArguments;
            }

            var presetName = parse.GetValue(preset)!;
            if (!VideoCodecNames.TryParse(parse.GetValue(codec)!, out var videoCodec) || !SoftwarePresetLadder.IsKnown(presetName) || parse.GetValue(frames) < 1 || parse.GetValue(width) < 16 || parse.GetValue(height) < 16)
            {
                console.MarkupLine("[red]vtr bench remote: need --codec h264|hevc, --frames ≥ 1, --width/--height ≥ 16 and a known x264 preset[/]");
                return (int)ExitCode.BadArguments;
            }

            var options = new RemoteBenchOptions
            {
                Frames = parse.GetValue(frames),
                Width = parse.GetValue(width),
                Height = parse.GetValue(height),
                Codec = videoCodec,
                Preset = presetName,
                Compressions = compressions,
                Rounds = Math.Max(1, parse.GetValue(rounds)),
            };
            var backend = new FFmpegBackend(new FFmpegBackendOptions(presetName));
            if (backend.UnavailableReason is { } reason)
            {
                console.MarkupLineInterpolated($"[red]vtr bench remote: libavcodec backend unavailable: {reason}[/]");
                return (int)ExitCode.Failure;
            }

            try
            {
                var report = await RemoteBenchmark.RunAsync(options, backend, line => console.MarkupLineInterpolated($"[grey]{line}[/]"), ct)
                    .ConfigureAwait(false);
                console.Write(RemoteBenchTable.Render(report));
                return (int)ExitCode.Success;
            }
            catch (CodecException ex)
            {
                console.MarkupLineInterpolated($"[red]vtr bench remote: {ex.Message}[/]");
                return (int)ExitCode.Failure;
            }
        });
        return command;
    }
}
