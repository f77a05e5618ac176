using System.Collections.Immutable;
using System.Globalization;
using Spectre.Console;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Integration.Tests.Media;
using Vtr.Shared.Media;

namespace Vtr.Integration.Tests.Transcode;

/// <summary>
/// `vtr transcode --bitrate` for real: a 30 s clip with temporal noise (so every frame costs bits, like camera
/// footage) cut into 2 s segments or sized for the embedded cluster, each an independent libx264 ABR encode. The whole
/// file must land within ±3 % of the target (before the segments asked for a tight rate tolerance it missed by −14 %
/// here), and the job's own bitrate line must say what the file holds.
/// </summary>
[Trait("Category", "Native")]
public sealed class BitrateAccuracyTests() : NoiseClipTests("640x360", Seconds, 2, 60, Timeout)
{
    private const int Seconds = 30;
    private const long TargetBitsPerSecond = 400_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    [FfmpegFact]
    public async Task Bitrate_mode_lands_the_whole_file_within_3_percent_of_the_target_at_2_s_segments()
    {
        var output = Path.Combine(Folder, "out.mp4");
        var outcome = await TranscodeAsync(output, segmentSeconds: 2);

        Assert.True(outcome.Job.Segments.Count >= 14, $"{outcome.Job.Segments.Count} segments");
        await AssertOnTargetAsync(output, outcome);
    }

    [FfmpegFact]
    public async Task Bitrate_mode_lands_the_whole_file_within_3_percent_of_the_target_at_the_default_segment_length()
    {
        var output = Path.Combine(Folder, "out-default.mp4");
        var outcome = await TranscodeAsync(output, segmentSeconds: null);

        // Bitrate mode's floor: a few long segments (2 × 15 s on two sessions), none under 5 s of this 30 fps clip.
        Assert.True(outcome.Job.Segments.Count >= 2, $"{outcome.Job.Segments.Count} segments");
        Assert.All(outcome.Job.Segments.Values, s => Assert.True(s.Frames >= SegmentSizing.BitrateMinSeconds * 30, $"a segment of {s.Frames} frames"));
        await AssertOnTargetAsync(output, outcome);
    }

    private static async Task<TranscodeOutcome> TranscodeAsync(string output, double? segmentSeconds)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        var outcome = await new TranscodeService(console, liveProgress: false).RunAsync(Request(output, segmentSeconds), timeout.Token);
        Assert.True(outcome.Report.Passed, outcome.Report.ToString());
        return outcome;
    }

    private static async Task AssertOnTargetAsync(string output, TranscodeOutcome outcome)
    {
        var bitsPerSecond = await NoiseClip.VideoBitsPerSecondAsync(output, Seconds, Timeout);
        var off = (bitsPerSecond / TargetBitsPerSecond) - 1;
        Assert.True(Math.Abs(off) <= 0.03, string.Create(CultureInfo.InvariantCulture, $"{bitsPerSecond / 1000:0.0} kb/s is {off * 100:+0.0;-0.0} % off the {TargetBitsPerSecond / 1000} kb/s target"));
        // The job's line counts the segments' packets; the elementary stream adds parameter sets before each keyframe.
        var reported = Assert.IsType<BitrateReport>(outcome.Bitrate);
        Assert.Equal(TargetBitsPerSecond, reported.TargetBitsPerSecond);
        Assert.InRange(reported.BitsPerSecond / bitsPerSecond, 0.97, 1.0);
    }

    private static TranscodeRequest Request(string output, double? segmentSeconds) =>
        new(Path.Combine(Path.GetDirectoryName(output)!, "source.mp4"), output, ImmutableArray<string>.Empty,
            new SegmentEncodeSettings(VideoCodec.H264, TargetBitsPerSecond, null, "", WireCompression.Lz4, TransportChoice.Auto), segmentSeconds, 1)
        {
            Resume = false,
        };
}
