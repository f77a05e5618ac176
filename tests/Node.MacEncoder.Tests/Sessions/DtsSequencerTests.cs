using Vtr.Node.Sessions;

namespace Vtr.Node.MacEncoder.Tests.Sessions;

public sealed class DtsSequencerTests
{
    [Fact]
    public void Dts_above_pts_is_lowered_to_pts()
    {
        var sequencer = new DtsSequencer();

        Assert.Equal(5, sequencer.Next(pts: 5, dts: 9));
    }

    [Fact]
    public void Dts_that_does_not_increase_is_moved_one_tick_past_the_previous()
    {
        var sequencer = new DtsSequencer();
        sequencer.Next(pts: 2, dts: -2);

        Assert.Equal(-1, sequencer.Next(pts: 0, dts: -2));
    }

    [Fact]
    public void Backend_b_frame_timestamps_pass_through_unchanged()
    {
        var sequencer = new DtsSequencer();
        (long Pts, long Dts)[] decodeOrder = [(0, -2), (3, -1), (1, 0), (2, 1), (6, 2), (4, 3), (5, 4)];

        var dts = decodeOrder.Select(p => sequencer.Next(p.Pts, p.Dts)).ToArray();

        Assert.Equal(decodeOrder.Select(p => p.Dts), dts);
    }
}
