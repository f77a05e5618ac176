using System.Collections.Immutable;
using Spectre.Console;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Integration.Tests.Media;
using Vtr.Shared.Media;

namespace Vtr.Integration.Tests.Transcode;

/// <summary>
/// `vtr transcode --quality Q` for real: the embedded cluster (seed + libx264 node) encodes the same generated
/// clip (no audio, so the file size is the video's) at three qualities; a higher quality must cost more bits and buy
/// a higher PSNR, measured by FFmpeg.
/// </summary>
[Trait("Category", "Native")]
public sealed class QualityLadderTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly string _directory = Directory.CreateTempSubdirectory("vtr-quality-it-").FullName;

    private string Source => Path.Combine(_directory, "source.mp4");

    public async Task InitializeAsync()
    {
        if (FfmpegFactAttribute.IsAvailable)
        {
            var options = new SampleClipOptions { Width = 640, Height = 360, DurationSeconds = 2, IncludeAudio = false };
            await SampleClipGenerator.CreateAsync(Source, options, CancellationToken.None);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [FfmpegFact]
    public async Task Quality_30_55_80_give_strictly_increasing_bitrate_and_psnr()
    {
        var rungs = new List<(int Quality, long Bytes, double Psnr)>();
        foreach (var quality in (int[])[30, 55, 80])
        {
            var output = Path.Combine(_directory, $"q{quality}.mp4");
            using var timeout = new CancellationTokenSource(Timeout);

            var outcome = await new TranscodeService(PlainConsole(), liveProgress: false).RunAsync(Request(output, quality), timeout.Token);

            Assert.True(outcome.Report.Passed, outcome.Report.ToString());
            var psnr = await PsnrMeter.MeasureAsync(output, Source, Timeout);
            rungs.Add((quality, new FileInfo(output).Length, psnr));

            // The job's own quality lines agree with the independent measure and cover every segment.
            var report = Assert.IsType<SegmentQualityReport>(outcome.Quality);
            Assert.Equal(psnr, report.Psnr, 1);
            Assert.Equal(outcome.Job.Segments.Count, report.Segments.Length);
        }

        var table = string.Join("; ", rungs.Select(r => $"q{r.Quality}: {r.Bytes} B, {r.Psnr:0.00} dB"));
        for (var i = 1; i < rungs.Count; i++)
        {
            Assert.True(rungs[i].Bytes > rungs[i - 1].Bytes, "bytes not increasing: " + table);
            Assert.True(rungs[i].Psnr > rungs[i - 1].Psnr, "PSNR not increasing: " + table);
        }

        // Before the fix every quality landed near crf 51: the top rung must be a usable picture.
        Assert.True(rungs[^1].Psnr > 40, "quality 80 too poor: " + table);
    }

    private static IAnsiConsole PlainConsole() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });

    private TranscodeRequest Request(string output, int quality) =>
        new(Source, output, ImmutableArray<string>.Empty, new SegmentEncodeSettings(VideoCodec.H264, null, quality, "", WireCompression.Lz4, TransportChoice.Auto), 1, 1)
        {
            EmbeddedSessionsPerNode = 1,
        };
}
