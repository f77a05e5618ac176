using Vtr.Node.Codecs;
using Vtr.Node.Codecs.VideoToolbox;
using Vtr.Node.Codecs.VideoToolbox.Interop;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;

public class TimestampTests
{
    [Theory]
    [InlineData(1u, 30u, 0L)]
    [InlineData(1u, 30u, 12345L)]
    [InlineData(1001u, 30000u, 7L)]
    [InlineData(1u, 90000u, -3003L)]
    [InlineData(0u, 0u, 42L)]
    public void Ticks_round_trip_through_CMTime_exactly(uint num, uint den, long ticks)
    {
        var converter = new VtTimestampConverter(new Rational(num, den));
        var time = converter.ToCMTime(ticks);
        Assert.True(converter.TryToTicks(time, out var back));
        Assert.Equal(ticks, back);
    }

    [Fact]
    public void Input_time_is_ticks_times_num_over_den()
    {
        var time = new VtTimestampConverter(new Rational(1001, 30000)).ToCMTime(5);
        Assert.Equal(5005, time.Value);
        Assert.Equal(30000, time.Timescale);
        Assert.Equal(CMTime.FlagsValid, time.Flags);
        Assert.Equal(0, time.Epoch);
    }

    [Fact]
    public void Zero_time_base_is_clamped_to_one_over_one()
    {
        var converter = new VtTimestampConverter(new Rational(0, 0));
        Assert.Equal(1, converter.Numerator);
        Assert.Equal(1, converter.Denominator);
    }

    [Fact]
    public void Output_in_another_timescale_truncates_toward_zero()
    {
        var converter = new VtTimestampConverter(new Rational(1, 30));
        Assert.True(converter.TryToTicks(new CMTime(1999, 600), out var ticks)); // 1999·30/600 = 99.95
        Assert.Equal(99, ticks);
        Assert.True(converter.TryToTicks(new CMTime(-1999, 600), out ticks));
        Assert.Equal(-99, ticks);
    }

    [Fact]
    public void Invalid_and_indefinite_times_are_not_numeric()
    {
        var converter = new VtTimestampConverter(new Rational(1, 30));
        Assert.False(converter.TryToTicks(CMTime.Invalid, out _));
        Assert.False(converter.TryToTicks(new CMTime(0, 0, CMTime.FlagsValid | CMTime.FlagsIndefinite), out _));
        Assert.False(converter.TryToTicks(new CMTime(0, 0, CMTime.FlagsValid | CMTime.FlagsPositiveInfinity), out _));
    }

    [Fact]
    public void Swift_testDTSMonotonicity_case_gives_three_packets_with_strictly_increasing_dts()
    {
        var tracker = new TimestampTracker();
        var emitted = new List<(long Pts, long Dts)>();
        foreach (var pts in new long[] { 1000, 1000, 1001, 1001, 1002 })
        {
            if (tracker.TryTrack(pts, pts, out var dts))
            {
                emitted.Add((pts, dts));
            }
        }

        Assert.Equal([(1000L, 1000L), (1001L, 1001L), (1002L, 1002L)], emitted);
    }

    [Fact]
    public void Dts_above_pts_is_clamped_to_pts()
    {
        var tracker = new TimestampTracker();
        Assert.True(tracker.TryTrack(10, 15, out var dts));
        Assert.Equal(10, dts);
    }

    [Fact]
    public void Repeated_dts_is_bumped_by_one_while_it_stays_below_pts()
    {
        var tracker = new TimestampTracker();
        Assert.True(tracker.TryTrack(0, -2, out var first));
        Assert.True(tracker.TryTrack(3, -2, out var second)); // B-frame reorder: raw dts repeats
        Assert.True(tracker.TryTrack(1, -1, out var third));
        Assert.Equal([-2L, -1L, 0L], [first, second, third]);
    }

    [Fact]
    public void Bump_that_would_pass_pts_is_clamped_back_to_pts()
    {
        var tracker = new TimestampTracker();
        Assert.True(tracker.TryTrack(5, 5, out _));
        Assert.True(tracker.TryTrack(4, 4, out var dts)); // previous dts 5 → 6 → clamped to pts 4
        Assert.Equal(4, dts);
    }

    [Fact]
    public void Dropped_packet_changes_no_state()
    {
        var tracker = new TimestampTracker();
        Assert.True(tracker.TryTrack(7, 7, out _));
        Assert.False(tracker.TryTrack(7, 9, out _));
        Assert.True(tracker.TryTrack(8, 8, out var dts));
        Assert.Equal(8, dts);
    }
}
