using System.Collections.Immutable;
using Spectre.Console;
using Vtr.Cli.Commands;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Media;

namespace Vtr.Integration.Tests.Transcode;

/// <summary>
/// `vtr transcode` for real, in-process on 127.0.0.1: an embedded cluster (seed + 2 nodes with the libx264 backend),
/// a generated 320x180 VFR clip with audio cut into 1-second segments, the output checked by <see cref="OutputVerifier"/>.
/// </summary>
[Trait("Category", "Native")]
public sealed class TranscodeEndToEndTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vtr-transcode-it-").FullName;

    private string Source => Path.Combine(_directory, "source.mp4");

    public async Task InitializeAsync()
    {
        if (FfmpegFactAttribute.IsAvailable)
        {
            var options = new SampleClipOptions { Width = 320, Height = 180, DurationSeconds = 3, VariableFrameRate = true, IncludeAudio = true };
            await SampleClipGenerator.CreateAsync(Source, options, CancellationToken.None);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [FfmpegFact]
    public async Task Embedded_packets_transcode_of_a_vfr_clip_with_audio_keeps_every_pts_and_the_audio() =>
        await TranscodeAndVerifyAsync(TransportChoice.Packets);

    [FfmpegFact]
    public async Task Embedded_raw_transcode_of_a_vfr_clip_with_audio_keeps_every_pts_and_the_audio() =>
        await TranscodeAndVerifyAsync(TransportChoice.Raw);

    [FfmpegFact]
    public async Task Without_the_quality_check_each_node_decodes_its_segments_so_the_final_check_does_not_decode_the_file()
    {
        // 400 kb/s at 320x180: the steered asks give x264 levels 1.3 and 2.0, which the output unifies into one record.
        var packets = await TranscodeAndVerifyAsync(TransportChoice.Packets, qualityCheck: false);
        var raw = await TranscodeAndVerifyAsync(TransportChoice.Raw, qualityCheck: false); // encode mode: no node check

        Assert.Equal("every segment decoded by its per-segment check", DecodeCheck(packets).Detail);
        Assert.Equal("ffmpeg -f null: no errors", DecodeCheck(raw).Detail);
    }

    [FfmpegFact]
    public async Task Missing_input_fails_with_one_line_and_no_output()
    {
        var output = Path.Combine(_directory, "out.mp4");

        var (code, error) = await RunAsync(Request(Path.Combine(_directory, "missing.mp4"), output, TransportChoice.Auto));

        Assert.Equal(ExitCode.InputUnusable, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Empty(Directory.GetFiles(_directory, "*out*"));
    }

    [FfmpegFact]
    public async Task Unsupported_output_extension_fails_before_any_work()
    {
        var (code, error) = await RunAsync(Request(Source, Path.Combine(_directory, "out.avi"), TransportChoice.Auto));

        Assert.Equal(ExitCode.InputUnusable, code);
        Assert.Contains("'.avi'", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory, "*out*"));
    }

    [FfmpegFact]
    public async Task Corrupt_input_fails_with_InputUnusable_and_no_output()
    {
        var corrupt = Path.Combine(_directory, "corrupt.mp4");
        await File.WriteAllBytesAsync(corrupt, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
        var output = Path.Combine(_directory, "out.mp4");

        var (code, error) = await RunAsync(Request(corrupt, output, TransportChoice.Auto));

        Assert.Equal(ExitCode.InputUnusable, code);
        Assert.Contains("corrupt.mp4", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory, "*out*"));
    }

    private static VerificationCheck DecodeCheck(TranscodeOutcome outcome) =>
        Assert.Single(outcome.Report.Checks, c => c.Name == "video decodes without errors" && c.Passed);

    private async Task<TranscodeOutcome> TranscodeAndVerifyAsync(TransportChoice transport, bool qualityCheck = true)
    {
        var output = Path.Combine(_directory, $"out-{transport}-{qualityCheck}.mp4");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var text = new StringWriter();

        var request = Request(Source, output, transport) with { QualityCheck = qualityCheck };
        var outcome = await new TranscodeService(PlainConsole(text), liveProgress: false).RunAsync(request, timeout.Token);

        Assert.True(outcome.Report.Passed, outcome.Report.ToString());
        Assert.Contains(outcome.Report.Checks, c => c.Name == "audio #0 copied bit-identical" && c.Passed);
        Assert.Contains(outcome.Report.Checks, c => c.Name == "video pts" && c.Detail.Contains("identical", StringComparison.Ordinal));
        Assert.True(outcome.Job.Segments.Count >= 3, $"{outcome.Job.Segments.Count} segments");
        Assert.True(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_directory, "*.partial*"));
        Assert.Contains("done on 127.0.0.1:", text.ToString(), StringComparison.Ordinal);
        return outcome;
    }

    private static IAnsiConsole PlainConsole(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });

    private static TranscodeRequest Request(string input, string output, TransportChoice transport) =>
        new(input, output, ImmutableArray<string>.Empty, new SegmentEncodeSettings(VideoCodec.H264, 400_000, null, "", WireCompression.Lz4, transport), 1, 2)
        {
            EmbeddedSessionsPerNode = 1,
        };

    private static async Task<(ExitCode Code, string Error)> RunAsync(TranscodeRequest request)
    {
        var console = PlainConsole(new StringWriter());
        var error = new StringWriter();
        var code = await TranscodeCommand.RunAsync(new TranscodeService(console, liveProgress: false), request, console, error, CancellationToken.None);
        return (code, error.ToString());
    }
}
