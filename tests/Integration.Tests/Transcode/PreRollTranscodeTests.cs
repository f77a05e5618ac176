using System.Collections.Immutable;
using System.Globalization;
using Spectre.Console;
using Vtr.Cli.Segmenting;
using Vtr.Integration.Tests.Media;
using Vtr.Shared.Media;

namespace Vtr.Integration.Tests.Transcode;

/// <summary>
/// A --bitrate job whose segments are long enough for a pre-roll (docs/architecture.md, "Pre-roll"): every segment after
/// the first is encoded from frames of the one before it, which the nodes drop. The file must still hold exactly the
/// source's frames and timestamps, each segment measured by its node, and land on its target.
/// </summary>
[Trait("Category", "Native")]
public sealed class PreRollTranscodeTests() : NoiseClipTests("320x180", Seconds, 4, 30, Timeout)
{
    private const int Seconds = 12;
    private const long TargetBitsPerSecond = 300_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [FfmpegFact]
    public async Task A_bitrate_job_with_pre_roll_keeps_every_frame_and_lands_on_its_target()
    {
        var output = Path.Combine(Folder, "out.mp4");
        using var timeout = new CancellationTokenSource(Timeout);
        using var lines = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(lines), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        var request = new TranscodeRequest(Source, output, ImmutableArray<string>.Empty,
            new SegmentEncodeSettings(VideoCodec.H264, TargetBitsPerSecond, null, "", WireCompression.Lz4, TransportChoice.Auto), 4, 2)
        {
            EmbeddedSessionsPerNode = 1,
            Resume = false,
        };

        var outcome = await new TranscodeService(console, liveProgress: false).RunAsync(request, timeout.Token);

        Assert.True(outcome.Report.Passed, outcome.Report.ToString());
        Assert.Equal(3, outcome.Job.Segments.Count);
        Assert.Contains("3 segments, 18 frames of pre-roll each", lines.ToString(), StringComparison.Ordinal); // 15 % of 120
        Assert.Equal(3, Assert.IsType<SegmentQualityReport>(outcome.Quality).Segments.Length);
        var off = (await NoiseClip.VideoBitsPerSecondAsync(output, Seconds, Timeout) / TargetBitsPerSecond) - 1;
        Assert.True(Math.Abs(off) <= 0.03, string.Create(CultureInfo.InvariantCulture, $"the file is {off * 100:+0.0;-0.0} % off its target"));
    }
}
