using Vtr.Cli.Segmenting;
using Vtr.Shared.Cluster;
using static Vtr.Client.Cli.Tests.Segmenting.EvenQualityPolicyHarness;

namespace Vtr.Client.Cli.Tests.Segmenting;

public sealed class EvenQualityPolicyTests
{
    [Fact]
    public void A_single_segment_is_never_an_outlier()
    {
        var policy = Policy();

        var decision = policy.Record(0, Fast, 0, 46.0, 25);

        Assert.Equal(new EvenQualityDecision(Keep: true, Retry: false), decision);
        Assert.Equal(0, policy.OffsetFor(Fast));
    }

    [Fact]
    public void A_node_below_the_others_learns_a_lower_crf_and_its_segment_is_retried()
    {
        var policy = Policy();
        policy.Record(0, Fast, 0, 46.0, 25);
        policy.Record(1, Fast, 0, 46.2, 25);
        policy.Record(2, Fast, 0, 46.1, 25);

        var decision = policy.Record(3, Slow, 0, 42.0, 25);

        // 4.1 dB under the other segments' median at 0.6 dB per crf step: 6.8 crf lower next time.
        Assert.Equal(-4.1 / EvenQualityPolicy.DbPerCrf, policy.OffsetFor(Slow), 9);
        Assert.Equal(19.2, policy.CrfAt(policy.OffsetFor(Slow)));
        Assert.True(decision.Retry);
        Assert.Equal([3], policy.Outliers());
    }

    [Fact]
    public void Two_segments_apart_are_not_retried_until_a_third_settles_the_median()
    {
        var policy = Policy();
        policy.Record(0, Fast, 0, 46.0, 25);

        // The median of two is their mean: both 2 dB off it, and nothing says which is the outlier.
        Assert.False(policy.Record(1, Slow, 0, 42.0, 25).Retry);
        Assert.False(policy.TryReserveRetry(1));

        Assert.False(policy.Record(2, Fast, 0, 46.1, 25).Retry);
        Assert.True(policy.TryReserveRetry(1));
    }

    [Fact]
    public void A_node_learns_nothing_from_the_mean_of_two_segments_of_different_presets()
    {
        // Measured in MixedFarmQualityTests: ultrafast 46.33, medium 42.05, then ultrafast 46.90. Against the mean of
        // the first two (44.19) ultrafast would learn +4.5 crf steps and land its next segment 3 dB under the others.
        var policy = Policy();
        policy.Record(0, Fast, 0, 46.33, 25);
        policy.Record(1, Slow, 0, 42.05, 25);
        policy.Record(2, Fast, 0, 46.90, 25);

        Assert.Equal(0, policy.OffsetFor(Fast));
        Assert.Equal(0, policy.OffsetFor(Slow));

        policy.Record(3, Fast, 0, 46.56, 25); // now against the median of three: 46.33
        Assert.Equal((46.56 - 46.33) / EvenQualityPolicy.DbPerCrf, policy.OffsetFor(Fast), 9);
    }

    [Fact]
    public void A_job_of_two_segments_is_judged_once_both_are_measured()
    {
        var policy = Policy(jobFrames: 50);
        policy.Record(0, Fast, 0, 46.0, 25);

        Assert.True(policy.Record(1, Slow, 0, 42.0, 25).Retry); // every frame measured: the median is final
    }

    [Fact]
    public void A_retry_replaces_the_kept_attempt_only_when_nearer_the_median()
    {
        var policy = Policy();
        policy.Record(0, Fast, 0, 46.0, 25);
        policy.Record(1, Fast, 0, 46.2, 25);
        policy.Record(2, Slow, 0, 42.0, 25);

        Assert.False(policy.Record(2, Slow, -6, 41.0, 25).Keep);
        Assert.True(policy.Record(2, Slow, -7, 45.8, 25).Keep);
        Assert.Equal(3, policy.Attempts(2));
        Assert.Empty(policy.Outliers());
    }

    [Fact]
    public void Retries_stop_after_the_limit_per_segment()
    {
        var policy = Policy();
        policy.Record(0, Fast, 0, 46.0, 25);
        policy.Record(1, Fast, 0, 46.0, 25);
        policy.Record(2, Slow, 0, 40.0, 25);

        Assert.True(policy.TryReserveRetry(2));
        policy.Record(2, Slow, 0, 40.0, 25);
        Assert.True(policy.TryReserveRetry(2));
        policy.Record(2, Slow, 0, 40.0, 25);

        Assert.False(policy.TryReserveRetry(2)); // 1 + DefaultMaxRetries attempts made
    }

    [Fact]
    public void Retries_stop_at_the_frame_budget()
    {
        var policy = Policy(jobFrames: 100); // budget: 50 frames
        policy.Record(0, Fast, 0, 46.0, 25);
        policy.Record(1, Fast, 0, 46.0, 25);
        policy.Record(2, Slow, 0, 40.0, 30);
        policy.Record(3, Slow, 0, 40.0, 30);

        Assert.True(policy.TryReserveRetry(2));
        Assert.False(policy.TryReserveRetry(3)); // 30 + 30 > 50
    }

    [Theory]
    [InlineData(0.0)] // --quality-spread 0
    public void Measure_only_changes_no_setting_and_retries_nothing(double toleranceDb)
    {
        var policy = Policy(toleranceDb);
        policy.Record(0, Fast, 0, 46.0, 25);

        Assert.False(policy.Record(1, Slow, 0, 40.0, 25).Retry);
        Assert.False(policy.Active);
        Assert.Equal(0, policy.OffsetFor(Slow));
    }

    [Fact]
    public void Bitrate_mode_has_no_crf_to_move()
    {
        var policy = new EvenQualityPolicy(baseCrf: null, 1.0, 1000);
        policy.Record(0, Fast, 0, 46.0, 25);

        Assert.False(policy.Record(1, Slow, 0, 40.0, 25).Retry);
        Assert.False(policy.Active);
    }

    [Fact]
    public void Offsets_are_bounded()
    {
        var policy = SettledAt44();

        policy.Record(3, Slow, 0, 20.0, 25);

        Assert.Equal(-EvenQualityPolicy.MaxOffset, policy.OffsetFor(Slow));
    }

    [Fact]
    public void A_retry_leaves_the_budget_a_worse_outlier_still_needs()
    {
        var policy = Policy(jobFrames: 6 * Frames); // budget: three retries
        policy.Record(0, Fast, 0, 46.0, Frames);
        policy.Record(1, Slow, 0, 42.0, Frames); // 4 dB under, judged before the median settled: waits for the sweep
        policy.Record(2, Fast, 0, 46.0, Frames);
        policy.Record(3, Fast, 0, 46.0, Frames);
        policy.Record(4, Fast, 0, 47.3, Frames);
        Assert.True(policy.TryReserveRetry(4));
        policy.Record(4, Fast, 1, 47.2, Frames);
        Assert.True(policy.TryReserveRetry(4)); // 2 retries + 1 held for segment 1: the whole budget
        policy.Record(4, Fast, 2, 47.15, Frames);

        policy.Record(5, Fast, 0, 47.4, Frames);

        Assert.False(policy.TryReserveRetry(5)); // 1.4 dB off: the last retry is segment 1's
        Assert.True(policy.TryReserveRetry(1));
    }

    [Fact]
    public void A_worse_outlier_with_a_retry_under_way_holds_no_more_budget()
    {
        var policy = Policy(jobFrames: 4 * Frames); // budget: two retries
        double[] psnrs = [46.0, 46.0, 46.0, 42.0, 47.4];
        for (var index = 0; index < psnrs.Length; index++)
        {
            policy.Record(index, Fast, 0, psnrs[index], Frames);
        }

        Assert.True(policy.TryReserveRetry(3)); // the sweep's first, still encoding
        Assert.True(policy.TryReserveRetry(4));
    }

    [Fact]
    public void The_end_sweep_gives_a_short_budget_to_the_furthest_outlier()
    {
        var policy = Policy(jobFrames: 60); // budget: 30 frames, one retry
        double[] psnrs = [44.0, 45.3, 44.0, 44.1, 43.9, 48.0];
        for (var index = 0; index < psnrs.Length; index++)
        {
            policy.Record(index, Fast, 0, psnrs[index], Frames);
        }

        Assert.Equal([5, 1], policy.Outliers());
        Assert.Equal([5], policy.Outliers().Where(policy.TryReserveRetry).ToList());
    }

    [Fact]
    public void A_hard_first_segment_is_retried_itself_rather_than_dragging_the_job_down_to_it()
    {
        // Two equal nodes; segment 0 is hard content, 3 dB under the others at the same crf. Six 25-frame segments:
        // a budget of three retries. Arrivals alternate nodes and every retry lands on Fast, as in the gate.
        var policy = Policy(jobFrames: 6 * Frames);
        var kept = new Dictionary<int, double>();
        Encode encode = (index, _, step) => (index == 0 ? 41.0 : 44.0) - (0.6 * step);
        for (var index = 0; index < 6; index++)
        {
            Arrive(policy, kept, index, index % 2 == 0 ? Fast : Slow, encode, retryOn: Fast);
        }

        foreach (var index in policy.Outliers())
        {
            RetryWhileOutlier(policy, kept, index, Fast, encode);
        }

        // The crf the user asked for gives typical segments 44 dB: that is where the job must stay.
        Assert.All(kept, k => Assert.InRange(k.Value, 43.0, 45.0));
    }

    [Fact]
    public void A_mixed_farm_run_that_once_starved_a_segment_ends_within_the_tolerance()
    {
        // Replays a MixedFarmQualityTests run: ultrafast (Fast, 0.87 dB per crf step measured) and medium (Slow, 4.3 dB
        // under at one crf) nodes, six 25-frame segments (budget: three retries), leases and checks interleaved as the
        // gate saw them (a node leases its next segment before its last one is checked), every retry on the idle Fast.
        var policy = Policy(jobFrames: 6 * Frames);
        var kept = new Dictionary<int, double>();
        double[] levels = [46.33, 46.35, 46.90, 46.19, 46.56, 46.96];
        Encode encode = (index, node, step) => node == Fast ? levels[index] - (0.87 * step) : levels[index] - 4.3 - (0.6 * step);
        var leased = new Dictionary<int, (NodeId Node, double Offset)>();
        void Lease(int index, NodeId node) => leased[index] = (node, policy.OffsetFor(node, index));
        void Check(int index)
        {
            var (node, offset) = leased[index];
            var psnr = encode(index, node, policy.CrfAt(offset) - 26);
            if (policy.Record(index, node, offset, psnr, Frames).Keep)
            {
                kept[index] = psnr;
            }

            RetryWhileOutlier(policy, kept, index, Fast, encode);
        }

        Lease(0, Fast);
        Lease(1, Slow);
        Lease(2, Fast);
        Check(0);
        Lease(4, Fast);
        Lease(3, Slow);
        Check(1);
        Check(2);
        Lease(5, Fast);
        Check(4);
        Check(5);
        Check(3);
        foreach (var index in policy.Outliers())
        {
            RetryWhileOutlier(policy, kept, index, Fast, encode);
        }

        var median = kept.Values.Order().Skip(2).Take(2).Average();
        Assert.All(kept, k => Assert.True(Math.Abs(k.Value - median) <= 1.0, $"segment {k.Key}: {k.Value:0.00} dB, median {median:0.00}"));
    }
}
