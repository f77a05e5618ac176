using System.Collections.Immutable;
using Vtr.Cli.Media;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;

namespace Vtr.Client.Cli.Tests.Media;

public sealed class SegmentSizingTests
{
    /// <summary>A 25 fps stream (tb 1/25) with a keyframe every <paramref name="gop"/> frames, no B-frames.</summary>
    private static MediaInfo Stream(int frames, int gop)
    {
        var packets = Enumerable.Range(0, frames)
            .Select(i => new VideoPacketInfo(i, i, i, 1, i % gop == 0, -1))
            .ToImmutableArray();
        return new MediaInfo("synthetic", "mp4", [], 0, VideoCodec.H264, new Rational(1, 25), 64, 64, "yuv420p", 8, [], packets,
            TimeSpan.FromSeconds(frames / 25.0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(16)]
    public void Makes_at_least_four_segments_per_free_session_when_the_gops_allow(int sessions)
    {
        // 60 s with a keyframe every 0.4 s: room for 150 segments.
        var (_, plans) = SegmentSizing.PlanByCount(Stream(1500, 10), sessions);

        Assert.InRange(plans.Length, 4 * sessions, 150);
        Assert.Equal(1500, plans.Sum(p => p.FrameCount));
    }

    [Fact]
    public void Rounding_to_the_nearest_keyframe_never_leaves_fewer_segments_than_the_gops_allow()
    {
        // 24 s, a keyframe every 2 s: 2 sessions want 8 segments of 3 s, each aim halfway between keyframes; 4 sessions
        // want 16 of 1.5 s, shorter than a GOP, so every GOP becomes a segment.
        Assert.Equal(8, SegmentSizing.PlanByCount(Stream(600, 50), 2).Plans.Length);
        var (seconds, plans) = SegmentSizing.PlanByCount(Stream(600, 50), 4);

        Assert.Equal(12, plans.Length);
        Assert.Equal(plans.Length, SegmentPlanner.Plan(Stream(600, 50), seconds).Length); // the recorded length replans the same cut
    }

    [Fact]
    public void A_short_clip_on_a_big_cluster_is_cut_at_every_keyframe_and_never_inside_a_gop()
    {
        // 4 s with a keyframe a second on 16 free sessions: 64 wanted, 4 GOPs possible.
        var (_, plans) = SegmentSizing.PlanByCount(Stream(100, 25), 16);

        Assert.Equal(4, plans.Length);
        Assert.All(plans, p => Assert.Equal(25, p.FrameCount));
    }

    [Fact]
    public void A_long_input_on_a_small_cluster_is_cut_no_longer_than_the_maximum()
    {
        // 200 s on one session: 4 segments of 50 s would be the count rule; the maximum makes them 10 s.
        var (seconds, plans) = SegmentSizing.PlanByCount(Stream(5000, 25), 1);

        Assert.Equal(SegmentSizing.MaxSeconds, seconds);
        Assert.Equal(20, plans.Length);
    }

    [Theory]
    [InlineData(true, 60, 12, 12)] // three default nodes: one 5 s segment per session (with pre-roll), not 60 of 1 s
    [InlineData(true, 60, 4, 4)] // one default node: 4 × 15 s, which need no pre-roll, rather than 8 × 7.5 s with one
    [InlineData(true, 60, 2, 6)] // the embedded default on 2 cores: 6 × 10 s
    [InlineData(true, 20, 12, 4)] // a short file on a big cluster: 4 × 5 s, eight sessions idle
    [InlineData(true, 20, 2, 2)] // issue 12's bench clip: 2 × 10 s, one per session and no pre-roll
    [InlineData(true, 3, 4, 1)] // shorter than the floor: one segment
    [InlineData(false, 60, 12, 12)] // crf on three default nodes: 12 × 5 s rather than 48 × 1.25 s (+2.6 % BD-rate)
    [InlineData(false, 30, 12, 12)] // 12 × 2.5 s: no multiple reaches 3 s, one per session reaches 2 s
    [InlineData(false, 4, 8, 2)] // the 4 s sample clip on two default nodes: still one segment per node
    [InlineData(false, 4, 2, 2)] // the 4 s sample clip on the embedded default
    [InlineData(false, 1.5, 4, 1)] // shorter than the floor: one segment
    public void A_floored_count_is_a_multiple_of_the_sessions_and_never_shorter_than_the_mode_allows(bool bitrateMode, double seconds, int sessions, int expected)
    {
        var count = SegmentSizing.FlooredSegmentCount(seconds, sessions, bitrateMode);

        Assert.Equal(expected, count);
        var floor = bitrateMode ? SegmentSizing.BitrateMinSeconds : SegmentSizing.QualityMinSeconds;
        Assert.True(count == 1 || seconds / count >= floor, $"{seconds / count} s segments");
    }

    [Fact]
    public void Bitrate_mode_cuts_a_minute_on_three_default_nodes_into_one_even_segment_per_session()
    {
        // 60 s with a keyframe a second, 12 free sessions: the count rule alone cuts 48+ one-second segments.
        var info = Stream(1500, 25);
        var (seconds, plans) = SegmentSizing.PlanForCluster(info, 12, bitrateMode: true);

        Assert.Equal(12, plans.Length);
        Assert.All(plans, p => Assert.Equal(125, p.FrameCount));
        Assert.Equal(5.0, seconds, 6);
        Assert.InRange(SegmentSizing.PlanByCount(info, 12).Plans.Length, 48, 60);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_long_file_is_left_to_the_count_rule(bool bitrateMode)
    {
        // 400 s on 8 sessions: 32 segments of 12.5 s, capped at 10 s; long enough for either mode's floor.
        var info = Stream(10000, 25);
        var counted = SegmentSizing.PlanByCount(info, 8).Plans;

        Assert.Equal(40, counted.Length);
        Assert.Equal(counted.Select(p => p.FirstPacketIndex), SegmentSizing.PlanForCluster(info, 8, bitrateMode).Plans.Select(p => p.FirstPacketIndex));
    }

    [Fact]
    public void Quality_mode_cuts_a_short_clip_on_one_node_as_the_count_rule_does()
    {
        // 60 s on 4 sessions: 16 segments of 3.75 s, over the preferred 3 s.
        var info = Stream(1500, 25);

        Assert.Equal(16, SegmentSizing.PlanForCluster(info, 4, bitrateMode: false).Plans.Length);
        Assert.Equal(12, SegmentSizing.PlanForCluster(info, 12, bitrateMode: false).Plans.Length);
    }

    [Fact]
    public void No_free_session_counts_as_one()
    {
        Assert.Equal(SegmentSizing.SegmentsPerFreeSession, SegmentSizing.WantedSegments(0));
        Assert.Equal(4 * SegmentSizing.SegmentsPerFreeSession, SegmentSizing.WantedSegments(4));
    }

    [Fact]
    public void Free_sessions_count_only_nodes_of_the_codec_and_subtract_what_is_in_use()
    {
        var status = new ClusterStatus(
        [
            Node("a", maxSessions: 4, leases: 1, reported: 0, "h264", "hevc"),
            Node("b", maxSessions: 2, leases: 0, reported: 2, "h264"),
            Node("c", maxSessions: 8, leases: 0, reported: 0, "hevc"),
            Node("d", maxSessions: 1, leases: 3, reported: 0, "h264"),
        ], []);

        Assert.Equal(3, SegmentSizing.FreeSessions(status, "h264"));
        Assert.Equal(11, SegmentSizing.FreeSessions(status, "hevc"));
    }

    [Fact]
    public void An_unreachable_node_offers_no_free_session()
    {
        var status = new ClusterStatus(
        [
            Node("a", maxSessions: 4, leases: 0, reported: 0, "h264"),
            Node("killed", maxSessions: 4, leases: 0, reported: 0, "h264") with { UnreachableSeconds = 3 },
        ], []);

        Assert.Equal(4, SegmentSizing.FreeSessions(status, "h264"));
    }

    private static NodeView Node(string id, int maxSessions, int leases, int reported, params string[] codecs) =>
        new(new NodeId(id), "127.0.0.1", 5555, "libavcodec", false, maxSessions, leases, reported, 0, [.. codecs]);
}
