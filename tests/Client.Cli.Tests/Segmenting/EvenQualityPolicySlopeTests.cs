using Vtr.Cli.Segmenting;
using static Vtr.Client.Cli.Tests.Segmenting.EvenQualityPolicyHarness;

namespace Vtr.Client.Cli.Tests.Segmenting;

/// <summary>How <see cref="EvenQualityPolicy"/> moves a segment's crf: along the segment's own measured slope, a node's, or
/// the default, clamped; and how a retry on another node carries the segment's distance over.</summary>
public sealed class EvenQualityPolicySlopeTests
{
    [Fact]
    public void A_flat_segment_converges_along_its_own_slope_in_fewer_attempts_than_the_default_slope_needs()
    {
        var policy = SettledAt44(toleranceDb: 0.25, maxRetries: 6);

        // 3 dB too good, losing 0.3 dB per crf step: at 0.6 dB per step each retry only halves the distance (5 attempts).
        var kept = new Dictionary<int, double>();
        Arrive(policy, kept, 3, Slow, (_, _, step) => 47.0 - (0.3 * step));

        Assert.Equal(3, policy.Attempts(3)); // the first retry measures the slope, the second lands on it
        Assert.InRange(kept[3], 43.75, 44.25);
    }

    [Theory]
    [InlineData(49.0, 0.3)] // flat: at 0.6 dB per step both retries stop 1.25 dB short
    [InlineData(47.0, 1.2)] // steep: at 0.6 dB per step the retry jumps 3 dB past the median and back
    public void An_outlier_lands_within_the_tolerance_inside_the_default_retry_bounds(double firstPsnr, double dbPerCrf)
    {
        var policy = SettledAt44();
        var kept = new Dictionary<int, double>();

        Arrive(policy, kept, 3, Slow, (_, _, step) => firstPsnr - (dbPerCrf * step));

        Assert.InRange(kept[3], 43.0, 45.0);
        Assert.Empty(policy.Outliers());
    }

    [Fact]
    public void A_node_that_measured_its_slope_remembers_offsets_with_it()
    {
        var policy = SettledAt44(toleranceDb: 0.25, maxRetries: 6);
        Arrive(policy, [], 3, Slow, (_, _, step) => 47.0 - (0.3 * step));

        policy.Record(4, Slow, 10, 44.9, Frames);

        // Segment 3 needed 10 steps and segment 4 needed 10 + 0.9 / 0.3 = 13 at the measured 0.3 dB a step (10 + 0.9 / 0.6
        // = 11.5 at the default): the node's offset is their mean, 11.5 (10.75 at the default slope).
        Assert.Equal((10 + 13) / 2.0, policy.OffsetFor(Slow), 6);
    }

    [Fact]
    public void A_secant_against_the_grain_falls_back_to_the_default_slope()
    {
        var policy = SettledAt44();
        policy.Record(3, Slow, 0, 47.0, Frames);

        policy.Record(3, Slow, 2, 47.5, Frames); // quality rose with the crf: noise, not a slope

        Assert.Equal(2 + (3.5 / EvenQualityPolicy.DbPerCrf), policy.OffsetFor(Slow, 3), 9);
    }

    [Fact]
    public void A_measured_slope_is_clamped_so_one_noisy_secant_cannot_jump_across_the_scale()
    {
        var policy = SettledAt44();
        policy.Record(3, Slow, 0, 47.0, Frames);

        policy.Record(3, Slow, 4, 46.6, Frames); // 0.1 dB per step measured

        Assert.Equal(4 + (2.6 / EvenQualityPolicy.MinDbPerCrf), policy.OffsetFor(Slow, 3), 9);
    }

    [Fact]
    public void A_retry_on_another_node_carries_the_segments_own_distance_over()
    {
        var policy = SettledAt44();
        policy.Record(3, Slow, -5, 44.0, Frames); // Slow is calibrated 5 crf steps below Fast
        policy.Record(4, Fast, 0, 41.0, Frames); // a hard segment: 3 dB under on Fast, 5 steps too high a crf
        policy.Record(5, Fast, -5, 47.0, Frames); // Fast's next segment needed 0: Fast's calibration is their mean, -2.5
        policy.Record(6, Fast, 0, 44.0, Frames); // and a typical one: -5, 0 and 0 average to -5/3

        // On Slow the hard segment needs Slow's calibration plus its own distance from Fast's: not Slow's offset alone.
        Assert.Equal(-5.0 / 3, policy.OffsetFor(Fast), 9);
        Assert.Equal(-5 + (-5 - (-5.0 / 3)), policy.OffsetFor(Slow, 4), 9);
    }

    [Fact]
    public void A_retry_on_another_node_takes_no_distance_from_a_node_not_calibrated_yet()
    {
        // Measured in MixedFarmQualityTests: medium's first segment 4.6 dB under ultrafast's two is the preset, not the
        // content; carried to ultrafast as 7.6 crf steps down it measured 53.3 dB, 6.6 dB over.
        var policy = Policy();
        policy.Record(0, Fast, 0, 46.33, 25);
        policy.Record(2, Fast, 0, 46.90, 25);
        policy.Record(1, Slow, 0, 42.05, 25);

        Assert.Equal(policy.OffsetFor(Fast), policy.OffsetFor(Fast, 1));
    }
}
