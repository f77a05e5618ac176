using System.Collections.Immutable;
using Spectre.Console;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Integration.Tests.Media;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Media;
using Xunit.Abstractions;

namespace Vtr.Integration.Tests.Transcode;

/// <summary>
/// A mixed farm for real: an embedded cluster whose two libx264 nodes run different presets (ultrafast and medium:
/// at the same crf about 4 dB PSNR apart on this clip) encodes one --quality job. With the even-quality policy every
/// segment lands within its tolerance of the job's median segment; measure-only (--quality-spread 0) shows the step
/// the policy removes. The per-segment check's numbers are compared with FFmpeg's psnr filter over the whole output.
/// Which node takes which segment, and so when each node's crf offset is learnt, follows the two presets' relative
/// speed: run alone, not beside other test classes competing for the 2 cores (in CI the policy once ran out of its
/// retry budget with a segment 1.2 dB off the median, every kept attempt from one node).
/// </summary>
[Trait("Category", "Native")]
[Collection(nameof(MixedFarmCollection))]
public sealed class MixedFarmQualityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const double ToleranceDb = 1.0;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(240);

    private readonly string _directory = Directory.CreateTempSubdirectory("vtr-mixed-farm-it-").FullName;

    private string Source => Path.Combine(_directory, "source.mp4");

    public async Task InitializeAsync()
    {
        if (FfmpegFactAttribute.IsAvailable)
        {
            // 6 one-second GOPs: six segments, enough for both nodes to take several.
            var options = new SampleClipOptions { Width = 640, Height = 360, DurationSeconds = 6, IncludeAudio = false };
            await SampleClipGenerator.CreateAsync(Source, options, CancellationToken.None);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [FfmpegFact]
    public async Task Ultrafast_and_medium_nodes_land_every_segment_within_a_dB_of_the_median()
    {
        var uneven = await TranscodeAsync("measured.mp4", spreadDb: 0);
        var even = await TranscodeAsync("even.mp4", ToleranceDb);
        output.WriteLine($"measure only:\n{uneven}\neven quality:\n{even}"); // the loop's numbers, for a CI log

        // Without the policy both presets took segments and their step shows (else this test proves nothing).
        Assert.Equal(2, uneven.Segments.Select(s => s.Node).Distinct().Count());
        Assert.True(uneven.Spread.Max - uneven.Spread.Min > 2 * ToleranceDb, "no quality step to even out: " + uneven);
        Assert.All(uneven.Segments, s => Assert.Equal(1, s.Attempts));

        Assert.All(even.Segments, s => Assert.True(Math.Abs(s.Psnr - even.MedianPsnr) <= ToleranceDb, $"segment {s.Index} off the median: {even}"));
        // The loop acted wherever the presets mixed; when the faster node happened to take every segment there was no
        // step to even out (the run above proves the step exists) and nothing is re-encoded.
        Assert.True(even.Segments.Any(s => s.Attempts > 1) || even.Segments.Select(s => s.Node).Distinct().Count() == 1,
            "both presets kept segments and none was re-encoded: " + even);
        Assert.All(even.Segments, s => Assert.InRange(s.Ssim, 0.9, 1.0));
    }

    private async Task<SegmentQualityReport> TranscodeAsync(string name, double spreadDb)
    {
        var output = Path.Combine(_directory, name);
        var request = new TranscodeRequest(
            Source, output, ImmutableArray<string>.Empty,
            new SegmentEncodeSettings(VideoCodec.H264, null, 50, "", WireCompression.Lz4, TransportChoice.Auto), 1, 2)
        {
            EmbeddedSessionsPerNode = 1,
            EmbeddedNodeBackends = [new FFmpegBackendOptions("ultrafast"), new FFmpegBackendOptions("medium")],
            QualitySpreadDb = spreadDb,
            Resume = false,
        };
        using var timeout = new CancellationTokenSource(Timeout);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });

        var outcome = await new TranscodeService(console, liveProgress: false).RunAsync(request, timeout.Token);

        Assert.True(outcome.Report.Passed, outcome.Report.ToString());
        var report = Assert.IsType<SegmentQualityReport>(outcome.Quality);
        Assert.Equal(6, report.Segments.Length);
        // Each segment's number is what FFmpeg's psnr filter gives for those frames of the assembled output.
        var frameMse = await PsnrMeter.FrameMeanSquaredErrorsAsync(output, Source, Timeout);
        var first = 0;
        foreach (var segment in report.Segments)
        {
            var mse = frameMse.Skip(first).Take(segment.Frames).Average();
            AssertWithinHundredthDb(Psnr.FromMeanSquaredError(mse), segment.Psnr);
            first += segment.Frames;
        }

        AssertWithinHundredthDb(await PsnrMeter.MeasureAsync(output, Source, Timeout), report.Psnr);
        return report;
    }

    /// <summary>Within 0.01 dB: nodes measure from the filter's per-frame metadata (six decimals), the stats files used
    /// here round each frame's MSE to two, so rounding both to 0.01 dB can split a 0.001 dB difference.</summary>
    private static void AssertWithinHundredthDb(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 0.01, $"expected {expected:0.0000} dB, got {actual:0.0000} dB");
}

/// <summary>Runs <see cref="MixedFarmQualityTests"/> after the parallel test classes, on its own.</summary>
[CollectionDefinition(nameof(MixedFarmCollection), DisableParallelization = true)]
public sealed class MixedFarmCollection;
