using System.Collections.Immutable;
using Vtr.Cli.Media;
using Vtr.Shared.Media;

namespace Vtr.Client.Cli.Tests.Media;

public sealed class SegmentPlannerTests
{
    private static MediaInfo ClosedGop(int frames, int gop = 25) => SyntheticMedia.ClosedGop(frames, gop);

    private static MediaInfo Info(ImmutableArray<VideoPacketInfo> packets) => SyntheticMedia.Info(packets);

    [Fact]
    public void Segments_start_at_keyframes_and_cover_every_frame_once()
    {
        var info = ClosedGop(250);
        var plans = SegmentPlanner.Plan(info, 2.0);

        Assert.Equal(5, plans.Length);
        Assert.All(plans, p => Assert.True(info.VideoPackets[p.FirstPacketIndex].IsKeyframe));
        Assert.All(plans, p => Assert.Equal(50, p.FrameCount));
        Assert.Equal(Enumerable.Range(0, 250).Select(i => (long)i), plans.SelectMany(p => p.OutputPts).Order());
        Assert.All(plans, p => Assert.False(p.NeedsPrecedingPackets));
        Assert.Equal(plans.Skip(1).Select(p => p.StartPts), plans.SkipLast(1).Select(p => p.EndPts));
        Assert.Equal(250, plans[^1].EndPts);
    }

    [Fact]
    public void Segment_boundary_picks_the_keyframe_nearest_the_target()
    {
        var plans = SegmentPlanner.Plan(ClosedGop(250), 1.4);

        // Targets 1.4 s -> keyframe at 1 s (0.4 away) rather than 2 s (0.6 away).
        Assert.Equal(25, plans[1].StartPts);
        Assert.All(plans, p => Assert.InRange(p.FrameCount, 25, 50));
    }

    [Fact]
    public void Cuts_aim_at_multiples_of_the_length_so_gop_rounding_does_not_add_up()
    {
        // 20 s, 2 s GOPs, 5 s aims: cuts at 6, 10 and 16 s (ties go to the later keyframe), so two sessions get 250
        // frames each; aiming 5 s after each cut would have cut 6/6/6/2 s.
        var plans = SegmentPlanner.Plan(ClosedGop(500, 50), 5.0);

        Assert.Equal([150, 100, 150, 100], plans.Select(p => p.FrameCount));
    }

    [Fact]
    public void A_segment_shorter_than_a_gop_never_splits_the_gop()
    {
        var plans = SegmentPlanner.Plan(ClosedGop(100), 0.1);

        Assert.Equal(4, plans.Length);
        Assert.All(plans, p => Assert.Equal(25, p.FrameCount));
    }

    [Fact]
    public void Open_gop_leading_frames_stay_with_their_keyframe_and_decoding_starts_one_gop_earlier()
    {
        // Decode order: I0 P3 B1 B2 | I6 B4 B5 P9 B7 B8 | I12 B10 B11 — B4/B5 and B10/B11 lead their keyframes.
        long[] order = [0, 3, 1, 2, 6, 4, 5, 9, 7, 8, 12, 10, 11];
        var packets = order.Select((pts, i) => new VideoPacketInfo(i, pts, i - 1, 1, pts % 6 == 0, -1)).ToImmutableArray();
        var info = Info(packets) with { TimeBase = new Rational(1, 3) };

        var plans = SegmentPlanner.Plan(info, 2.0);

        Assert.Equal(3, plans.Length);
        Assert.Equal(new long[] { 4, 5, 6, 7, 8, 9 }, plans[1].OutputPts);
        Assert.Equal(new long[] { 4, 5 }, plans[1].LeadingPts);
        Assert.Equal(0, plans[1].DecodeFromPacketIndex);
        Assert.True(plans[1].NeedsPrecedingPackets);
        Assert.Equal(4, plans[1].StartPts);
        Assert.Equal(4, plans[0].EndPts);
        Assert.Equal(4, plans[2].DecodeFromPacketIndex);
        Assert.Equal(Enumerable.Range(0, 13).Select(i => (long)i), plans.SelectMany(p => p.OutputPts).Order());
    }

    [Fact]
    public void An_intra_only_source_is_cut_at_the_frame_nearest_each_multiple_of_the_segment_length()
    {
        // 50 frames at 25 fps, every one a keyframe (ProRes, DNxHR): 0.5 s is 12.5 frames, so cuts alternate 12/13
        // instead of drifting by the rounding of each segment.
        var packets = Enumerable.Range(0, 50).Select(i => new VideoPacketInfo(i, i, i, 1, true, -1)).ToImmutableArray();

        var plans = SegmentPlanner.Plan(Info(packets), 0.5);

        Assert.Equal(4, plans.Length);
        Assert.All(plans, p => Assert.InRange(p.FrameCount, 12, 13));
        Assert.All(plans.Select((p, i) => (p, i)), x => Assert.InRange(x.p.StartPts, (x.i * 12.5) - 0.5, (x.i * 12.5) + 0.5));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), plans.SelectMany(p => p.OutputPts).Order());
    }
}
