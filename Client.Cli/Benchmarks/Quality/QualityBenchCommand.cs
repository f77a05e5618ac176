using System.CommandLine;

namespace Vtr.Cli.Benchmarks.Quality;

/// <summary>`vtr bench quality`: plain ffmpeg against the split encode on 1 and 3 embedded nodes, bitrate, PSNR, SSIM and BD-rate.</summary>
public static class QualityBenchCommand
{
    /// <summary>Columns the table needs when output goes to a file or pipe (Spectre assumes 80 there).</summary>
    private const int TableWidth = 120;

    public static Command Create()
    {
        var clip = new BenchClipOptions(1280, 720, "x264 preset of the nodes and of ffmpeg");
        var defaults = new QualityBenchOptions();
        var seconds = new Option<double>("--seconds") { Description = "clip length (30 fps, testsrc2 with temporal noise)", DefaultValueFactory = _ => defaults.Seconds };
        var segmentSeconds = new Option<double?>("--segment-seconds")
        {
            Description = "segment length of the split encodes [default: sized for the cluster, as vtr transcode does]",
        };
        var sessions = new Option<int>("--sessions")
        {
            Description = "encoder sessions per embedded node (a default vtr node has 4; sized segments follow the free sessions)",
            DefaultValueFactory = _ => defaults.SessionsPerNode,
        };
        var mode = new Option<string>("--mode")
        {
            Description = "which rate-control mode to measure",
            DefaultValueFactory = _ => "both",
        };
        mode.AcceptOnlyFromAmong("both", QualityBenchmark.BitrateMode, QualityBenchmark.CrfMode);
        var command = new Command("quality", "Encode one generated clip with plain ffmpeg and split through vtr (1 and 3 nodes) at four bitrates and four crfs; compare bitrate, PSNR, SSIM and BD-rate");
        clip.AddTo(command);
        command.Options.Add(seconds);
        command.Options.Add(segmentSeconds);
        command.Options.Add(sessions);
        command.Options.Add(mode);
        command.SetAction(async (parse, ct) =>
        {
            var options = new QualityBenchOptions
            {
                Width = parse.GetValue(clip.Width),
                Height = parse.GetValue(clip.Height),
                Seconds = parse.GetValue(seconds),
                SegmentSeconds = parse.GetValue(segmentSeconds),
                Preset = parse.GetValue(clip.Preset)!,
                SessionsPerNode = parse.GetValue(sessions),
            };
            options = parse.GetValue(mode) switch
            {
                QualityBenchmark.BitrateMode => options with { Crfs = [] },
                QualityBenchmark.CrfMode => options with { Bitrates = [] },
                _ => options,
            };
            var problem = clip.Problem(parse, evenSides: true)
                ?? (options.Seconds <= 0 || options.SegmentSeconds <= 0 || options.SessionsPerNode <= 0
                    ? "--seconds, --segment-seconds and --sessions must be positive" : null);
            return problem is not null
                ? await BenchRun.RefuseAsync(parse, "quality", problem).ConfigureAwait(false)
                : await BenchRun.RunAsync(parse, "quality", TableWidth, async progress =>
                    QualityBenchTable.Render(await QualityBenchmark.RunAsync(options, progress, ct).ConfigureAwait(false))).ConfigureAwait(false);
        });
        return command;
    }
}
