using Vtr.Cli.Segmenting;
using Vtr.Shared.Cluster;

namespace Vtr.Client.Cli.Tests.Segmenting;

public sealed class EvenQualityPolicyTests
{
    private static readonly NodeId Fast = new("ultrafast:5555");
    private static readonly NodeId Slow = new("medium:5556");

    private static EvenQualityPolicy Policy(double toleranceDb = 1.0, int jobFrames = 1000) => new(26, toleranceDb, jobFrames);

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

        var decision = policy.Record(1, Slow, 0, 42.0, 25);

        // 4 dB under the other segment at 0.6 dB per crf step: 6.7 crf lower next time.
        Assert.Equal(-4.0 / EvenQualityPolicy.DbPerCrf, policy.OffsetFor(Slow), 9);
        Assert.Equal(19.3, policy.CrfAt(policy.OffsetFor(Slow)));
        Assert.True(decision.Retry);
        Assert.Equal([0, 1], policy.Outliers()); // median 44: both 2 dB away
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
        var policy = Policy();
        policy.Record(0, Fast, 0, 60.0, 25);
        policy.Record(1, Slow, 0, 20.0, 25);

        Assert.Equal(-EvenQualityPolicy.MaxOffset, policy.OffsetFor(Slow));
    }
}
