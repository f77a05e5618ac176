using System.CommandLine;
using Vtr.Cli.Benchmarks;
using Vtr.Cli.Benchmarks.Cluster;
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
        var clip = new BenchClipOptions(1920, 1080, "x264/x265 preset, local and remote alike", 1, "runs per mode, interleaved; each mode reports its best");
        var frames = new Option<int>("--frames") { Description = "frames to encode per mode", DefaultValueFactory = _ => 300 };
        var codec = new Option<string>("--codec") { Description = "h264 | hevc", DefaultValueFactory = _ => VideoCodecNames.H264 };
        codec.AcceptOnlyFromAmong(VideoCodecNames.H264, VideoCodecNames.Hevc);
        var compression = new Option<string>("--compression") { Description = "wire compressions to run remotely: none,lz4,zstd", DefaultValueFactory = _ => "none,lz4,zstd" };
        var command = new Command("remote", "Encode one generated clip in-process and through a node on loopback TCP; compare") { frames, codec, compression };
        clip.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (!CompressionNames.TryParseList(parse.GetValue(compression) ?? "", out var compressions, out var bad))
            {
                return await BenchRun.RefuseAsync(parse, "remote", $"unknown --compression '{bad}' (use none, lz4, zstd)").ConfigureAwait(false);
            }

            var videoCodec = VideoCodec.H264;
            if ((clip.Problem(parse, evenSides: false)
                    ?? (parse.GetValue(frames) < 1 ? "need --frames of at least 1" : null)
                    ?? (VideoCodecNames.TryParse(parse.GetValue(codec)!, out videoCodec) ? null : "need --codec h264 or hevc")) is { } problem)
            {
                return await BenchRun.RefuseAsync(parse, "remote", problem).ConfigureAwait(false);
            }

            var presetName = parse.GetValue(clip.Preset)!;
            var options = new RemoteBenchOptions
            {
                Frames = parse.GetValue(frames),
                Width = parse.GetValue(clip.Width),
                Height = parse.GetValue(clip.Height),
                Codec = videoCodec,
                Preset = presetName,
                Compressions = compressions,
                Rounds = clip.RoundsOf(parse),
            };
            var backend = new FFmpegBackend(new FFmpegBackendOptions(presetName));
            if (backend.UnavailableReason is { } reason)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"vtr bench remote: libavcodec backend unavailable: {reason}").ConfigureAwait(false);
                return (int)ExitCode.Failure;
            }

            return await BenchRun.RunAsync(parse, "remote", TableWidth, async progress =>
                RemoteBenchTable.Render(await RemoteBenchmark.RunAsync(options, backend, progress, ct).ConfigureAwait(false))).ConfigureAwait(false);
        });
        return command;
    }
}
