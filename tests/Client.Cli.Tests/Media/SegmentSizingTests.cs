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
        var (_, plans) = SegmentSizing.PlanForCluster(Stream(1500, 10), sessions);

        Assert.InRange(plans.Length, 4 * sessions, 150);
        Assert.Equal(1500, plans.Sum(p => p.FrameCount));
    }

    [Fact]
    public void Rounding_to_the_nearest_keyframe_never_leaves_fewer_segments_than_asked()
    {
        // 24 s, a keyframe every 2 s, 2 sessions: the aim of 24 / 8 = 3 s lands halfway between keyframes and rounds up
        // (fewer than 8 segments); the rule aims shorter until it has its 8.
        var (seconds, plans) = SegmentSizing.PlanForCluster(Stream(600, 50), 2);

        Assert.InRange(SegmentPlanner.Plan(Stream(600, 50), 3.0).Length, 1, 7);
        Assert.InRange(plans.Length, 8, 12);
        Assert.True(seconds < 3.0);
        Assert.Equal(plans.Length, SegmentPlanner.Plan(Stream(600, 50), seconds).Length); // the recorded length replans the same cut
    }

    [Fact]
    public void A_short_clip_on_a_big_cluster_is_cut_at_every_keyframe_and_never_inside_a_gop()
    {
        // 4 s with a keyframe a second on 16 free sessions: 64 wanted, 4 GOPs possible.
        var (_, plans) = SegmentSizing.PlanForCluster(Stream(100, 25), 16);

        Assert.Equal(4, plans.Length);
        Assert.All(plans, p => Assert.Equal(25, p.FrameCount));
    }

    [Fact]
    public void A_long_input_on_a_small_cluster_is_cut_no_longer_than_the_maximum()
    {
        // 200 s on one session: 4 segments of 50 s would be the count rule; the maximum makes them 10 s.
        var (seconds, plans) = SegmentSizing.PlanForCluster(Stream(5000, 25), 1);

        Assert.Equal(SegmentSizing.MaxSeconds, seconds);
        Assert.Equal(20, plans.Length);
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
