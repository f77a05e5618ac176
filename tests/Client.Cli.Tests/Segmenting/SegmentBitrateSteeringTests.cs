using System.Collections.Immutable;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;

namespace Vtr.Client.Cli.Tests.Segmenting;

public sealed class SegmentBitrateSteeringTests
{
    private const long Target = 8_000_000;
    private const int FramesPerSegment = 60;
    private static readonly TimeSpan SecondsPerFrame = TimeSpan.FromSeconds(1.0 / 30);

    [Theory]
    [InlineData(1.20, 1)] // hard content: every short ABR encode lands 20 % over what it asked (the issue-12 clip: +8.9 %)
    [InlineData(1.20, 3)]
    [InlineData(0.85, 2)] // easy content lands under
    public void A_file_whose_segments_miss_what_they_ask_still_lands_within_3_percent(double landing, int inFlight)
    {
        var plans = Plans(20);
        var steering = new SegmentBitrateSteering(Target, SecondsPerFrame * (20 * FramesPerSegment), plans);

        var spent = EncodeAll(steering, plans.Length, inFlight, asked => asked * landing);

        var bitrate = spent * 8.0 / (20 * FramesPerSegment * SecondsPerFrame.TotalSeconds);
        Assert.InRange(bitrate / Target, 0.97, 1.03);
        Assert.Equal(landing, steering.LandingRatio, 2);
    }

    [Fact]
    public void The_first_segments_ask_the_target_and_no_ask_leaves_half_to_one_and_a_half_times_it()
    {
        var plans = Plans(10);
        var steering = new SegmentBitrateSteering(Target, SecondsPerFrame * (10 * FramesPerSegment), plans);
        Assert.Equal(Target, steering.Start(0));
        Assert.Equal(Target, steering.Start(1));

        steering.Finished(0, Bytes(Target * 3)); // wildly over: the next asks would go below half
        for (var i = 2; i < 10; i++)
        {
            Assert.InRange(steering.Start(i), Target * SegmentBitrateSteering.LowestAsk, Target * SegmentBitrateSteering.HighestAsk);
        }
    }

    [Fact]
    public void Resumed_segments_count_as_spent_and_a_duplicate_result_is_not_counted_twice()
    {
        var plans = Plans(4);
        var steering = new SegmentBitrateSteering(Target, SecondsPerFrame * (4 * FramesPerSegment), plans);
        steering.Resumed(0, Bytes(Target * 1.3));
        steering.Resumed(0, Bytes(Target * 1.3));
        Assert.Equal(1.3, steering.LandingRatio, 6);

        var ask = steering.Start(1);
        steering.Finished(1, Bytes(ask * 1.3));
        steering.Finished(1, Bytes(ask * 1.3));
        Assert.Equal(1.3, steering.LandingRatio, 6);
        Assert.True(ask < Target, $"after an over-spent resumed segment the next asks less, asked {ask}");
    }

    [Fact]
    public void A_corrected_segment_asks_its_correction_on_every_run_and_teaches_nothing()
    {
        var plans = Plans(4);
        var steering = new SegmentBitrateSteering(Target, SecondsPerFrame * (4 * FramesPerSegment), plans);
        steering.Resumed(0, Bytes(Target * 1.2));
        var ask = steering.Start(1);
        steering.Finished(1, Bytes(ask * 1.2));
        Assert.Equal(Target, steering.AskOf(0)); // a resumed segment's ask was not recorded: taken as the target
        Assert.Equal(ask, steering.AskOf(1));

        steering.Correct(1, Target / 2);
        Assert.Equal(Target / 2, steering.Start(1));
        Assert.Equal(Target / 2, steering.Start(1)); // the coordinator's duplicate of a straggler asks the same
        steering.Finished(1, Bytes(Target * 2));
        Assert.Equal(1.2, steering.LandingRatio, 6);
        Assert.Equal(ask, steering.AskOf(1)); // until the pass keeps the attempt

        steering.Kept(1, Target / 2);
        Assert.Equal(Target / 2, steering.AskOf(1));
    }

    /// <summary>Runs every segment, <paramref name="inFlight"/> at a time (the oldest finishes first); returns the bytes spent.</summary>
    private static long EncodeAll(SegmentBitrateSteering steering, int count, int inFlight, Func<double, double> lands)
    {
        var running = new Queue<(int Index, long Asked)>();
        long spent = 0;
        for (var next = 0; next < count || running.Count > 0;)
        {
            if (next < count && running.Count < inFlight)
            {
                running.Enqueue((next, steering.Start(next)));
                next++;
                continue;
            }

            var (index, asked) = running.Dequeue();
            var bytes = Bytes(lands(asked));
            steering.Finished(index, bytes);
            spent += bytes;
        }

        return spent;
    }

    private static long Bytes(double bitsPerSecond) => (long)(bitsPerSecond * SecondsPerFrame.TotalSeconds * FramesPerSegment / 8);

    private static ImmutableArray<SegmentPlan> Plans(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new SegmentPlan(
            i, 0, 0, 0, [.. Enumerable.Range(i * FramesPerSegment, FramesPerSegment).Select(f => (long)f)], [], 0, 0))];
}
