using System.Collections.Immutable;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Media;

namespace Vtr.Client.Cli.Tests.Segmenting;

public sealed class SegmentBitrateControllerTests
{
    private const long Target = 1_000_000;
    private const int Fps = 25;
    private const int SegmentFrames = 50;

    /// <summary>Ten 2 s segments of a 1280x720 25 fps stream.</summary>
    private static SegmentBitrateController Controller(int segments = 10)
    {
        var packets = Enumerable.Range(0, segments * SegmentFrames)
            .Select(i => new VideoPacketInfo(i, i, i, 1, i % SegmentFrames == 0, -1))
            .ToImmutableArray();
        var info = new MediaInfo("synthetic", "mp4", [], 0, VideoCodec.H264, new Rational(1, Fps), 1280, 720, "yuv420p", 8, [], packets,
            TimeSpan.FromSeconds(packets.Length / (double)Fps));
        ImmutableArray<SegmentPlan> plans =
            [.. Enumerable.Range(0, segments).Select(i => new SegmentPlan(i, i * SegmentFrames, (i + 1) * SegmentFrames, i * SegmentFrames,
                [.. Enumerable.Range(i * SegmentFrames, SegmentFrames).Select(f => (long)f)], [], i * SegmentFrames, (i + 1) * SegmentFrames))];
        return new SegmentBitrateController(Target, info, plans);
    }

    /// <summary>Bytes of a segment that spent <paramref name="share"/> times its share of the target.</summary>
    private static long Bytes(double share) => (long)(share * Target * SegmentFrames / Fps / 8);

    [Fact]
    public void Blind_segments_start_at_the_first_guess_capped_at_the_target()
    {
        var controller = Controller();

        var first = controller.Start(0);
        var second = controller.Start(1);

        Assert.Equal(controller.InitialCrf, first.Crf);
        Assert.Equal(first, second);
        Assert.Equal(Target, first.MaxRate);
        // 1 Mb/s at 1280x720, 25 fps: 0.043 bit per pixel, about 6 crf steps above crf 23's 0.09.
        Assert.InRange(controller.InitialCrf, 28, 31);
    }

    [Fact]
    public void A_segment_costlier_than_predicted_moves_the_next_crf_up_by_the_model()
    {
        var controller = Controller();
        var first = controller.Start(0);

        controller.Finished(0, first with { MaxRate = 10 * Target }, Bytes(1.6)); // 1.6x its share, well under its cap
        var next = controller.Start(1);

        // The rest must spend (10 - 1.6) / 9 = 0.93 of the share at 1.6x the cost per crf: ln(1.6 / 0.93) / k steps up.
        Assert.Equal(first.Crf + (Math.Log(1.6 / (8.4 / 9)) / SegmentBitrateController.LogBitsPerCrf), next.Crf, 1);
        Assert.Equal(SegmentBitrateController.MaxCorrection * Target, next.MaxRate);
    }

    [Fact]
    public void Segments_in_flight_count_with_their_predicted_bits()
    {
        var controller = Controller();
        var first = controller.Start(0);
        controller.Finished(0, first, Bytes(0.5));

        var second = controller.Start(1);
        var third = controller.Start(2);

        // Segment 0 left half its share; the first segment after it takes the budget of nine, the next the same.
        Assert.True(second.Crf < first.Crf, $"{second.Crf} after {first.Crf}");
        Assert.Equal(second.Crf, third.Crf, 1);
    }

    [Fact]
    public void A_capped_segment_counts_as_costlier_than_it_measured()
    {
        var uncapped = Controller();
        var capped = Controller();
        var rate = uncapped.Start(0);
        capped.Start(0);

        uncapped.Finished(0, rate with { MaxRate = 10 * Target }, Bytes(1));
        capped.Finished(0, rate, Bytes(1)); // at its cap of 1x the target

        Assert.Equal(uncapped.Start(1).Crf + SegmentBitrateController.CappedCrfSteps, capped.Start(1).Crf, 1);
    }

    [Fact]
    public void The_file_lands_on_target_when_the_content_follows_the_model()
    {
        // Content 3x costlier than the first guess: the blind segment and the next are capped, from the third on the crf
        // holds still.
        var controller = Controller();
        long total = 0;
        for (var i = 0; i < 10; i++)
        {
            var rate = controller.Start(i);
            var share = Math.Min(3 * Math.Exp(-SegmentBitrateController.LogBitsPerCrf * (rate.Crf - controller.InitialCrf)), rate.MaxRate / (double)Target);
            controller.Finished(i, rate, Bytes(share));
            total += Bytes(share);
        }

        Assert.InRange(total / (double)Bytes(10), 0.97, 1.03);
        var crfs = controller.Crfs().Skip(3).Select(c => c!.Value).ToList();
        Assert.True(crfs.Max() - crfs.Min() < 1.5, string.Join(", ", crfs));
    }

    [Fact]
    public void Resumed_segments_are_spent()
    {
        var fresh = Controller();
        var resumed = Controller();

        resumed.Resumed(0, Bytes(3));

        Assert.True(resumed.Start(1).Crf > fresh.Start(1).Crf);
    }
}
