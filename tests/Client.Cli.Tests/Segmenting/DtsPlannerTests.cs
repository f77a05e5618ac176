using Vtr.Cli.Segmenting;

namespace Vtr.Client.Cli.Tests.Segmenting;

public sealed class DtsPlannerTests
{
    [Fact]
    public void Cfr_stream_without_b_frames_gets_dts_equal_to_pts()
    {
        long[] pts = [0, 40, 80, 120];

        Assert.Equal(pts, DtsPlanner.Plan(pts));
    }

    [Fact]
    public void B_frames_get_a_reorder_delay_of_one_frame_below_the_first_pts()
    {
        // I P B P B in decode order: pts 0, 80, 40, 160, 120.
        long[] pts = [0, 80, 40, 160, 120];

        var dts = DtsPlanner.Plan(pts);

        Assert.Equal([-40, 0, 40, 80, 120], dts);
        AssertValid(pts, dts);
    }

    [Fact]
    public void Pyramid_b_frames_need_a_delay_of_two()
    {
        // I P B b b (b-pyramid): pts 0, 160, 80, 40, 120.
        long[] pts = [0, 160, 80, 40, 120, 320, 240, 200, 280];

        var dts = DtsPlanner.Plan(pts);

        AssertValid(pts, dts);
        Assert.Equal(-80, dts[0]);
    }

    [Fact]
    public void Vfr_extrapolates_with_the_smallest_interval_and_keeps_every_dts_at_or_before_its_pts()
    {
        // 1/1000 time base, every third interval 60 instead of 40.
        long[] pts = [0, 100, 40, 160, 140, 260, 200, 300];

        var dts = DtsPlanner.Plan(pts);

        AssertValid(pts, dts);
        Assert.Equal(-20, dts[0]); // the smallest interval (140 -> 160) below the first pts
    }

    [Fact]
    public void Segment_joins_with_different_reorder_patterns_stay_strictly_increasing()
    {
        // Segment 0 has no B-frames, segment 1 has two per P (each segment starts with its keyframe).
        long[] pts = [0, 40, 80, 120, 160, 280, 200, 240, 400, 320, 360];

        var dts = DtsPlanner.Plan(pts);

        AssertValid(pts, dts);
    }

    [Fact]
    public void Duplicate_pts_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => DtsPlanner.Plan([0, 40, 40]));
    }

    [Fact]
    public void Empty_and_single_frame_streams_are_handled()
    {
        Assert.Empty(DtsPlanner.Plan([]));
        Assert.Equal([7], DtsPlanner.Plan([7]));
    }

    private static void AssertValid(long[] pts, long[] dts)
    {
        for (var i = 0; i < pts.Length; i++)
        {
            Assert.True(dts[i] <= pts[i], $"dts {dts[i]} after pts {pts[i]} at {i}");
            Assert.True(i == 0 || dts[i] > dts[i - 1], $"dts not increasing at {i}");
        }
    }
}
