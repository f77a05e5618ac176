using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Vtr.Cli.Embedded;
using Vtr.Cli.FileSafety;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Cli.Timing;
using Vtr.Node.Codecs;
using Vtr.Shared.Media;

namespace Vtr.Cli.Commands;

/// <summary>`vtr transcode [INPUT] -o OUTPUT`: split into segments, encode them across the cluster, reassemble, verify.</summary>
public static class TranscodeCommand
{
    public const string DefaultSampleOutput = "vtr-sample.mp4";

    /// <param name="console">Progress and report go here; null = the process console.</param>
    /// <param name="scratch">Temp files of the run, for a forced exit to delete (see <see cref="InterruptHandler"/>).</param>
    public static Command Create(IAnsiConsole? console = null, ScratchPaths? scratch = null)
    {
        var input = new Argument<string[]>("INPUT")
        {
            Description = "input files (any video FFmpeg decodes: H.264, HEVC, ProRes, DNxHR, MPEG-2, ...), or a folder of them (a batch on one cluster); omitted: a generated sample clip with audio",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = $"output .mp4/.mov/.mkv (default {DefaultSampleOutput} for the sample); for a batch FOLDER/ (each input as FOLDER/NAME.mp4) or FOLDER/.mkv",
        };
        var seeds = new Option<string[]>("--seed") { Description = "cluster seed HOST:PORT (repeatable); none = embedded local cluster", AllowMultipleArgumentsPerToken = true };
        var codec = new Option<string>("--codec") { Description = "h264 | hevc (left out: hevc for a source over 8 bits)", DefaultValueFactory = _ => VideoCodecNames.H264 };
        var bitrate = new Option<string?>("--bitrate") { Description = "target bitrate, e.g. 4M, 2500k or 800000" };
        var quality = new Option<int?>("--quality") { Description = QualityDescription() };
        var crf = new Option<double?>("--crf") { Description = CrfDescription() };
        var segmentSeconds = new Option<double?>("--segment-seconds")
        {
            Description = $"segment length in seconds (default: sized for the cluster, {SegmentSizing.SegmentsPerFreeSession} segments per free session, one GOP to {SegmentSizing.MaxSeconds:0} s, at least {SegmentSizing.QualityMinSeconds:0} s, with --bitrate {SegmentSizing.BitrateMinSeconds:0} s)",
        };
        var spread = new Option<double>("--quality-spread")
        {
            Description = "with --quality/--crf: re-encode a segment whose PSNR lands further than this many dB from the job's median "
                + "segment (at most 2 retries each, at most half the job's frames); 0 = measure only",
            DefaultValueFactory = _ => EvenQualityPolicy.DefaultToleranceDb,
        };
        var noCheck = new Option<bool>("--no-quality-check")
        {
            Description = "skip the per-segment PSNR/SSIM check (and so the even-quality re-encodes); each node still decodes its segments and the output is still verified",
        };
        var sameEncoder = new Option<bool>("--same-encoder")
        {
            Description = "keep the job on one encoder family (the backend with the most sessions, e.g. only VideoToolbox or only libx264 nodes)",
        };
        var token = new Option<string>("--token") { Description = "node token sent in HELLO (default: $VTR_TOKEN, which `ps` does not show)", DefaultValueFactory = _ => "" };
        var transport = new Option<string>("--transport") { Description = "auto | raw | packets", DefaultValueFactory = _ => "auto" };
        var compression = new Option<string>("--compression") { Description = "raw FRAME planes: none | lz4 | zstd", DefaultValueFactory = _ => "lz4" };
        var nodes = new Option<int>("--nodes") { Description = "local nodes of the embedded cluster (no --seed)", DefaultValueFactory = _ => 1 };
        var timings = new Option<bool>("--timings") { Description = "print the wall time of each stage (start-up, probe, plan, encode, checks, assembly)" };
        var joinTimeout = new Option<double>("--join-timeout") { Description = "seconds to wait for a reachable but slow cluster (a refused --seed fails at once)", DefaultValueFactory = _ => 60 };
        var files = new OutputFileOptions();
        var format = new OutputFormatOptions();

        var command = new Command("transcode", "Transcode a file across the cluster (or an embedded local cluster)")
        {
            input, output, seeds, codec, bitrate, quality, crf, spread, noCheck, sameEncoder, segmentSeconds, token, transport, compression, nodes, joinTimeout, timings,
        };
        files.AddTo(command);
        format.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var stages = new StageTimer();
            stages.RecordProcessStartUp();
            var error = parse.InvocationConfiguration.Error;
            var inputs = parse.GetValue(input) ?? [];
            var parsed = TranscodeArguments.TryParse(
                inputs.FirstOrDefault(), parse.GetValue(output), parse.GetValue(seeds) ?? [], parse.GetValue(codec)!, parse.GetValue(bitrate),
                parse.GetValue(quality), parse.GetValue(crf), parse.GetValue(segmentSeconds), TokenSource.Resolve(parse.GetValue(token)), parse.GetValue(transport)!,
                parse.GetValue(compression)!, parse.GetValue(nodes), out var request, out var problem);
            var batch = parsed && BatchInputs.IsBatch(inputs, request!.OutputPath);
            var jobs = ImmutableArray<TranscodeFile>.Empty;
            if (parsed && parse.GetValue(spread) is var db && !(db >= 0 && db <= 20))
            {
                (parsed, problem) = (false, "--quality-spread must be between 0 and 20 dB");
            }

            if (!parsed || !files.TryApply(parse, ref request, out problem) || !format.TryApply(parse, codec, ref request, out problem) ||
                (batch && !BatchInputs.TryExpand(inputs, request!.OutputPath, out jobs, out problem)))
            {
                await error.WriteLineAsync($"vtr transcode: {problem} (see 'vtr transcode --help')").ConfigureAwait(false);
                return (int)ExitCode.BadArguments;
            }

            var ansi = console ?? AnsiConsole.Console;
            var live = console is null && !Console.IsOutputRedirected;
            var service = new TranscodeService(ansi, live) { Scratch = scratch ?? new ScratchPaths(), Timings = stages };
            var timed = request! with
            {
                JoinTimeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(joinTimeout))),
                QualitySpreadDb = parse.GetValue(spread),
                SameEncoder = parse.GetValue(sameEncoder),
                QualityCheck = !parse.GetValue(noCheck),
            };
            var started = Stopwatch.GetTimestamp();
            var code = batch
                ? await RunAsync(service, timed, jobs, batch: true, ansi, error, ct).ConfigureAwait(false)
                : await RunAsync(service, timed, ansi, error, ct).ConfigureAwait(false);
            if (parse.GetValue(timings))
            {
                var total = Stopwatch.GetElapsedTime(started) + (stages[JobStage.ProcessStartUp] ?? TimeSpan.Zero);
                ansi.Profile.Out.Writer.Write(stages.Format(total));
            }

            return (int)code;
        });
        return command;
    }

    /// <summary>The --quality help, with the software mapping read from the curve so help and nodes never disagree.</summary>
    internal static string QualityDescription() => string.Create(CultureInfo.InvariantCulture,
        $"constant quality {QualityScale.Min}-{QualityScale.Max}, higher is better (VideoToolbox's scale, as h264_videotoolbox -q:v); "
        + $"x264 nodes use crf {QualityCrfCurve.CrfFor(30, VideoCodec.H264)}/{QualityCrfCurve.CrfFor(55, VideoCodec.H264)}/"
        + $"{QualityCrfCurve.CrfFor(80, VideoCodec.H264)} for 30/55/80, x265 crf +{QualityCrfCurve.HevcCrfOffset}");

    internal static string CrfDescription() => string.Create(CultureInfo.InvariantCulture,
        $"constant quality as x264/x265 crf {QualityCrfCurve.MinCrf}-{QualityCrfCurve.MaxCrf}, lower is better; VideoToolbox nodes "
        + $"map it back (x264 crf 23 = quality {QualityCrfCurve.QualityFor(23, VideoCodec.H264)})");

    /// <summary>One file: the request's input to its output.</summary>
    public static Task<ExitCode> RunAsync(TranscodeService service, TranscodeRequest request, IAnsiConsole console, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(service, request, [new TranscodeFile(request.InputPath, request.OutputPath)], batch: false, console, error, ct);
    }

    /// <summary>
    /// Every file of <paramref name="files"/> with the settings of <paramref name="request"/>, on one cluster. Each file
    /// gets its own result: its report and "wrote" line, or one error line naming it (<paramref name="batch"/>); a batch
    /// ends with a count and exits non-zero when any file failed (<see cref="TranscodeFailures.Combine"/>).
    /// </summary>
    public static async Task<ExitCode> RunAsync(
        TranscodeService service, TranscodeRequest request, IReadOnlyList<TranscodeFile> files, bool batch, IAnsiConsole console, TextWriter error,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var results = await service.RunBatchAsync(request, files, ct).ConfigureAwait(false);
            var codes = new List<ExitCode>(results.Length);
            foreach (var result in results)
            {
                codes.Add(await ReportAsync(result, batch, console, error).ConfigureAwait(false));
            }

            if (batch)
            {
                var written = codes.Count(c => c == ExitCode.Success);
                console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"batch: {written} of {codes.Count} files written{(written < codes.Count ? $", {codes.Count - written} failed" : "")}"));
            }

            return TranscodeFailures.Combine(codes);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await error.WriteLineAsync("vtr transcode: interrupted (run the same command again to resume)").ConfigureAwait(false);
            return ExitCode.Interrupted;
        }
        catch (Exception ex) when (TranscodeFailures.Describe(ex) is { } failure)
        {
            await error.WriteLineAsync("vtr transcode: " + failure.Message).ConfigureAwait(false);
            return failure.Code;
        }
    }

    /// <summary>One file's lines; in a batch its error line starts with the input, so a user knows which file failed.</summary>
    private static async Task<ExitCode> ReportAsync(TranscodeFileResult result, bool batch, IAnsiConsole console, TextWriter error)
    {
        var prefix = batch ? $"vtr transcode: {result.File.InputPath}: " : "vtr transcode: ";
        if (result.Error is { } failed)
        {
            // Only the file failures RunBatchAsync keeps per file get here, and Describe knows each of them.
            var failure = TranscodeFailures.Describe(failed) ?? (ExitCode.Failure, failed.Message);
            await error.WriteLineAsync(prefix + failure.Message).ConfigureAwait(false);
            return failure.Code;
        }

        var outcome = result.Outcome!; // a result without an error has an outcome
        console.Profile.Out.Writer.Write(outcome.Report.ToString());
        if (!outcome.Report.Passed)
        {
            await error.WriteLineAsync($"{prefix}the output failed verification, so {outcome.OutputPath} was not written (see the report above)").ConfigureAwait(false);
            return ExitCode.OutputCheckFailed;
        }

        if (outcome.Quality is { } quality)
        {
            console.Profile.Out.Writer.Write(quality.ToString());
        }

        if (outcome.Bitrate is { } bitrate)
        {
            console.Profile.Out.Writer.Write(bitrate.ToString());
        }

        var fps = outcome.EncodeElapsed.TotalSeconds > 0 ? outcome.Frames / outcome.EncodeElapsed.TotalSeconds : 0;
        console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {outcome.OutputPath}: {outcome.Frames} frames in {outcome.Job.Segments.Count} segments, encode+assemble {outcome.EncodeElapsed.TotalSeconds:0.00} s ({fps:0.0} fps), total {outcome.TotalElapsed.TotalSeconds:0.00} s"));
        return ExitCode.Success;
    }
}
