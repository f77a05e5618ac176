using Vtr.Cli.Segmenting;

namespace Vtr.Client.Cli.Tests.Segmenting;

public sealed class BitrateCorrectionTests
{
    private const long Target = 2_000_000;
    private const int Frames = 30; // 1 s at 30 fps

    /// <summary>Bytes a segment of <see cref="Frames"/> frames holds at <paramref name="ratio"/> × its share of the target.</summary>
    private static long Share(double ratio) => (long)Math.Round(Target / 8.0 * ratio);

    private static TimeSpan Duration(int segments) => TimeSpan.FromSeconds(segments);

    /// <summary>The file's bytes once the corrections land where they are expected to.</summary>
    private static double Corrected(IReadOnlyList<SegmentLanding> segments, IReadOnlyList<SegmentCorrection> corrections) =>
        segments.Sum(s => corrections.FirstOrDefault(c => c.Index == s.Index) is { AskBitsPerSecond: > 0 } c ? c.ExpectedBytes : s.VideoBytes);

    private static List<SegmentLanding> Landed(params double[] ratios) =>
        [.. ratios.Select((r, i) => new SegmentLanding(i, Frames, Target, Share(r)))];

    [Fact]
    public void An_overshooting_file_re_encodes_its_biggest_segments_lower_and_lands_on_the_target()
    {
        // 10 blind segments of a farm's first wave, +3.4 % together; 3 and 7 went furthest over.
        var segments = Landed(1.02, 1.03, 1.02, 1.09, 1.01, 1.03, 1.02, 1.08, 1.02, 1.02);

        var corrections = BitrateCorrection.Plan(segments, Target, Duration(10));

        Assert.Equal([3, 7], corrections.Select(c => c.Index));
        Assert.All(corrections, c => Assert.InRange(c.AskBitsPerSecond, Target * (1 - BitrateCorrection.GentleStep), Target - 1));
        Assert.Equal(Share(10), Corrected(segments, corrections), Share(10) * 0.002);
    }

    [Fact]
    public void An_undershooting_file_re_encodes_its_smallest_segments_higher()
    {
        var segments = Landed(0.97, 0.90, 0.97, 0.98, 0.96, 0.91, 0.97, 0.97);

        var corrections = BitrateCorrection.Plan(segments, Target, Duration(8));

        Assert.NotEmpty(corrections);
        Assert.Subset(new HashSet<int> { 1, 5 }, corrections.Select(c => c.Index).ToHashSet());
        Assert.All(corrections, c => Assert.True(c.AskBitsPerSecond > Target));
        Assert.Equal(Share(8), Corrected(segments, corrections), Share(8) * 0.002);
    }

    [Theory]
    [InlineData(1.019)]
    [InlineData(0.981)]
    [InlineData(1.0)]
    public void A_file_already_within_the_trigger_re_encodes_nothing(double ratio)
    {
        var segments = Landed([.. Enumerable.Repeat(ratio, 10)]);

        Assert.Empty(BitrateCorrection.Plan(segments, Target, Duration(10)));
    }

    [Fact]
    public void One_huge_outlier_alone_is_re_encoded()
    {
        var segments = Landed(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.3, 1.0, 1.0, 1.0, 1.0);

        var correction = Assert.Single(BitrateCorrection.Plan(segments, Target, Duration(12)));

        Assert.Equal(7, correction.Index);
        Assert.Equal(Share(1.0), correction.ExpectedBytes, Share(1) * 0.002);
        Assert.Equal(Target / 1.3, correction.AskBitsPerSecond, Target * 0.001);
    }

    [Fact]
    public void Asks_stay_within_the_steering_s_clamp_and_at_most_a_quarter_of_the_segments_move()
    {
        // +23 % over 8 segments: no quarter of them can absorb it even at half the target, so both go as low as allowed.
        var segments = Landed([.. Enumerable.Repeat(1.23, 8)]);

        var corrections = BitrateCorrection.Plan(segments, Target, Duration(8));

        Assert.Equal(2, corrections.Length);
        Assert.All(corrections, c => Assert.Equal(Target * SegmentBitrateSteering.LowestAsk, c.AskBitsPerSecond));
        Assert.True(Corrected(segments, corrections) < segments.Sum(s => s.VideoBytes));
    }

    [Fact]
    public void A_segment_already_asked_the_lowest_rate_is_passed_over_for_one_that_can_move()
    {
        var segments = Landed(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
        segments[2] = segments[2] with { AskedBitsPerSecond = (long)(Target * SegmentBitrateSteering.LowestAsk), VideoBytes = Share(1.4) };
        segments[5] = segments[5] with { VideoBytes = Share(1.2) };

        var corrections = BitrateCorrection.Plan(segments, Target, Duration(8));

        Assert.DoesNotContain(corrections, c => c.Index == 2);
        Assert.Contains(corrections, c => c.Index == 5);
    }

    [Fact]
    public void Segments_at_the_clamp_do_not_use_up_the_quarter()
    {
        // Steering already asked 0 and 1 for half the target and they still landed furthest over.
        var segments = Landed(1.5, 1.5, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1);
        segments[0] = segments[0] with { AskedBitsPerSecond = Target / 2 };
        segments[1] = segments[1] with { AskedBitsPerSecond = Target / 2 };

        var corrections = BitrateCorrection.Plan(segments, Target, Duration(8));

        Assert.Equal(2, corrections.Length);
        Assert.All(corrections, c => Assert.InRange(c.Index, 2, 7));
    }
}
