using System.Collections.Immutable;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Node.Sessions;
using Vtr.Shared.Media;

namespace Vtr.Client.Cli.Tests.Media;

public sealed class SegmentPreRollTests
{
    [Fact]
    public void Each_later_segment_warms_on_the_previous_segments_last_frames_decoded_from_their_keyframe()
    {
        var info = SyntheticMedia.ClosedGop(250);
        var plans = SegmentPreRoll.Apply(info, SegmentPlanner.Plan(info, 2.0), 10);

        Assert.Null(plans[0].PreRollFromPts);
        Assert.Equal(0, plans[0].PreRollFrames);
        foreach (var plan in plans.Skip(1))
        {
            Assert.Equal(plan.StartPts - 10, plan.PreRollFromPts);
            Assert.Equal(10, plan.PreRollFrames);
            // The 10 frames before the cut lie in the previous GOP: decoding starts at its keyframe, 25 packets earlier.
            Assert.Equal(plan.FirstPacketIndex - 25, plan.DecodeFromPacketIndex);
            Assert.True(info.VideoPackets[plan.DecodeFromPacketIndex].IsKeyframe);
            var decoded = info.VideoPackets[plan.DecodeFromPacketIndex..plan.FirstPacketIndex].Select(p => p.Pts).ToHashSet();
            Assert.All(Enumerable.Range(0, 10), k => Assert.Contains(plan.StartPts - 10 + k, decoded));
        }

        // The frames each segment outputs do not change.
        Assert.Equal(SegmentPlanner.Plan(info, 2.0).Select(p => p.OutputPts.ToArray()), plans.Select(p => p.OutputPts.ToArray()));
    }

    [Fact]
    public void An_intra_only_source_decodes_exactly_the_pre_roll_frames()
    {
        var packets = Enumerable.Range(0, 100).Select(i => new VideoPacketInfo(i, i, i, 1, true, -1)).ToImmutableArray();
        var info = SyntheticMedia.Info(packets);
        var plans = SegmentPreRoll.Apply(info, SegmentPlanner.Plan(info, 1.0), 8);

        Assert.All(plans.Skip(1), plan => Assert.Equal(plan.FirstPacketIndex - 8, plan.DecodeFromPacketIndex));
    }

    [Fact]
    public void The_pre_roll_never_reaches_past_the_previous_segment()
    {
        var info = SyntheticMedia.ClosedGop(100);
        var plans = SegmentPreRoll.Apply(info, SegmentPlanner.Plan(info, 1.0), 60);

        Assert.All(plans.Skip(1), plan => Assert.Equal(25, plan.PreRollFrames));
        Assert.All(plans.Skip(1), plan => Assert.Equal(plan.StartPts - 25, plan.PreRollFromPts));
    }

    [Fact]
    public void A_segment_whose_pre_roll_needs_more_extra_decoding_than_its_own_frames_gets_none()
    {
        // GOPs of 100 frames: the last segment has 50 frames, and warming it means decoding the 100-frame GOP before.
        var info = SyntheticMedia.ClosedGop(250, gop: 100);
        var plans = SegmentPreRoll.Apply(info, SegmentPlanner.Plan(info, 4.0), 10);

        Assert.Equal(3, plans.Length);
        Assert.Equal(90, plans[1].PreRollFromPts);
        Assert.Null(plans[2].PreRollFromPts);
        Assert.Equal(plans[2].FirstPacketIndex, plans[2].DecodeFromPacketIndex);
    }

    [Fact]
    public void Open_gop_pre_roll_frames_that_lead_a_keyframe_decode_from_the_gop_before_it()
    {
        // Decode order: I0 P3 B1 B2 | I6 B4 B5 P9 B7 B8 | I12 B10 B11 | I18 ... (B4/B5, B10/B11 lead their keyframes).
        long[] order = [0, 3, 1, 2, 6, 4, 5, 9, 7, 8, 12, 10, 11, 15, 13, 14, 18, 16, 17, 21, 19, 20];
        var packets = order.Select((pts, i) => new VideoPacketInfo(i, pts, i - 1, 1, pts % 6 == 0, -1)).ToImmutableArray();
        var info = SyntheticMedia.Info(packets) with { TimeBase = new Rational(1, 3) };
        var plain = SegmentPlanner.Plan(info, 2.0);

        var two = SegmentPreRoll.Apply(info, plain, 2);
        var three = SegmentPreRoll.Apply(info, plain, 3);

        // Segment 2 outputs 10..15 (I12 at packet 10 leads with B10/B11) and already decodes from I6 (packet 4).
        Assert.Equal(8, two[2].PreRollFromPts);
        Assert.Equal(4, two[2].DecodeFromPacketIndex);
        // Three frames reach pts 7, still after I6; segment 1 (outputs 4..9) warming on 2 and 3 decodes from I0.
        Assert.Equal(7, three[2].PreRollFromPts);
        Assert.Equal(4, three[2].DecodeFromPacketIndex);
        Assert.Equal(0, three[1].DecodeFromPacketIndex);
    }

    [Theory]
    [InlineData(5.0, 18)] // 125-frame segments at 25 fps: 15 %
    [InlineData(7.0, 26)]
    [InlineData(8.0, 0)] // long enough to cost under 1 % without
    [InlineData(20.0, 0)]
    public void Pre_roll_length_is_a_share_of_the_median_segment_where_the_segment_needs_one(double seconds, int expected)
    {
        var info = SyntheticMedia.ClosedGop(2000);

        Assert.Equal(expected, SegmentPreRoll.FramesFor(info, SegmentPlanner.Plan(info, seconds)));
    }

    [Fact]
    public void The_pre_roll_is_capped_at_thirty_frames()
    {
        // 7 s at 60 fps: 15 % would be 63 frames.
        var packets = Enumerable.Range(0, 2100).Select(i => new VideoPacketInfo(i, i, i, 1, i % 60 == 0, -1)).ToImmutableArray();
        var info = SyntheticMedia.Info(packets) with { TimeBase = new Rational(1, 60) };

        Assert.Equal(SegmentPreRoll.MaxFrames, SegmentPreRoll.FramesFor(info, SegmentPlanner.Plan(info, 7.0)));
    }

    [Fact]
    public void Segments_too_short_for_a_settled_pre_roll_get_none()
    {
        // 3 s segments at 25 fps: 15 % is 11 frames, under the minimum.
        var info = SyntheticMedia.ClosedGop(2000);

        Assert.Equal(0, SegmentPreRoll.FramesFor(info, SegmentPlanner.Plan(info, 3.0)));
    }

    [Fact]
    public void One_segment_needs_no_pre_roll()
    {
        var info = SyntheticMedia.ClosedGop(100);

        Assert.Equal(0, SegmentPreRoll.FramesFor(info, SegmentPlanner.Plan(info, 10)));
    }

    [Fact]
    public void No_frames_asked_leaves_the_plans_alone()
    {
        var plans = SegmentPlanner.Plan(SyntheticMedia.ClosedGop(250), 2.0);

        Assert.Equal(plans, SegmentPreRoll.Apply(SyntheticMedia.ClosedGop(250), plans, 0));
    }

    [Fact]
    public void The_packets_configure_names_the_pre_roll_only_when_there_is_one()
    {
        var info = SyntheticMedia.ClosedGop(250);
        var plans = SegmentPreRoll.Apply(info, SegmentPlanner.Plan(info, 2.0), 10);
        var settings = new SegmentEncodeSettings(VideoCodec.H264, 1_000_000, null, "", WireCompression.None, TransportChoice.Packets);

        Assert.Null(SegmentConfiguration.ForPackets(info, plans[0], settings).GetOption(TranscodeOptions.PreRollFromPtsKey));
        Assert.Equal("40", SegmentConfiguration.ForPackets(info, plans[1], settings).GetOption(TranscodeOptions.PreRollFromPtsKey));
        Assert.Null(SegmentConfiguration.ForRaw(info, plans[1], settings).GetOption(TranscodeOptions.PreRollFromPtsKey));
    }
}
