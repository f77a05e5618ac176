using System.Collections.Immutable;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Cluster;

namespace Vtr.Client.Cli.Tests.Segmenting;

/// <summary>The correction pass against a real <see cref="SegmentResultStore"/> and <see cref="SegmentBitrateSteering"/>;
/// the cluster's re-encode is a function of the ask the steering hands out (how a node's ABR lands is the integration
/// test's business).</summary>
public sealed class BitrateCorrectionPassTests : IDisposable
{
    private const long Target = 2_000_000;
    private const int Segments = 8;
    private const int FramesPerSegment = 30;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(Segments); // 30 fps

    private readonly ImmutableArray<SegmentPlan> _plans = [.. Enumerable.Range(0, Segments).Select(i => new SegmentPlan(
        i, 0, 0, 0, [.. Enumerable.Range(i * FramesPerSegment, FramesPerSegment).Select(f => (long)f)], [], 0, 0))];

    private readonly SegmentResultStore _store = new();
    private readonly SegmentBitrateSteering _steering;

    public BitrateCorrectionPassTests()
    {
        _steering = new SegmentBitrateSteering(Target, Duration, _plans);
        // One blind wave: every segment asks the target and lands 10 % over it.
        var asks = _plans.Select(p => _steering.Start(p.Index)).ToList();
        foreach (var plan in _plans)
        {
            var segment = Segment(plan.Index, BytesFor(asks[plan.Index], 1.10));
            _store.Add(segment);
            _steering.Finished(plan.Index, segment.Bytes);
        }
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Overshooting_segments_re_encoded_at_lower_asks_bring_the_file_onto_the_target()
    {
        var before = FileOff();

        var report = Assert.IsType<BitrateCorrectionReport>(await RunAsync((index, ask) => Segment(index, BytesFor(ask, 1.10))));

        Assert.Equal(0.10, before, 3);
        Assert.InRange(FileOff(), -BitrateCorrection.Trigger, BitrateCorrection.Trigger);
        Assert.InRange(report.Kept, 1, (Segments + 3) / 4);
        Assert.Equal(Target * 1.10, report.BitsPerSecondBefore, 1);
    }

    [Fact]
    public async Task A_first_round_that_lands_past_the_target_is_brought_back_by_a_second()
    {
        // A lower ask lands at a lower ratio to it (x264's ABR on noise), so the first round, which assumes the same
        // ratio, lands 1.5 % under: inside the trigger, not yet on the target.
        var report = Assert.IsType<BitrateCorrectionReport>(await RunAsync((index, ask) => Segment(index, BytesFor(ask, 1.10 * Math.Pow((double)ask / Target, 0.2)))));

        Assert.InRange(FileOff(), -BitrateCorrection.SecondRoundTrigger, BitrateCorrection.SecondRoundTrigger);
        Assert.True(report.Encodes > (Segments + 3) / 4, $"{report.Encodes} encodes: one round");
    }

    [Fact]
    public async Task A_failed_re_encode_keeps_the_old_segment_and_ends_the_pass()
    {
        var bytes = _plans.Select(p => _store.VideoBytes(p.Index)).ToList();

        var report = Assert.IsType<BitrateCorrectionReport>(await RunAsync((_, _) => null));

        Assert.Equal(0, report.Kept);
        Assert.InRange(report.Encodes, 1, (Segments + 3) / 4); // one round: a second would repeat the first
        Assert.Equal(bytes, _plans.Select(p => _store.VideoBytes(p.Index)));
    }

    [Fact]
    public async Task An_attempt_that_lands_further_from_the_target_is_not_kept()
    {
        var bytes = _plans.Select(p => _store.VideoBytes(p.Index)).ToList();

        var report = Assert.IsType<BitrateCorrectionReport>(await RunAsync((index, _) => Segment(index, BytesFor(Target, 1.5))));

        Assert.Equal(0, report.Kept);
        Assert.Equal(bytes, _plans.Select(p => _store.VideoBytes(p.Index)));
    }

    [Fact]
    public async Task A_file_near_its_target_runs_nothing()
    {
        using var store = new SegmentResultStore();
        var steering = new SegmentBitrateSteering(Target, Duration, _plans);
        foreach (var plan in _plans)
        {
            store.Add(Segment(plan.Index, BytesFor(steering.Start(plan.Index), 1.01)));
            steering.Finished(plan.Index, store.VideoBytes(plan.Index));
        }

        var pass = new BitrateCorrectionPass(_plans, store, steering, Target, Duration);
        Assert.Null(await pass.RunAsync((_, _) => throw new InvalidOperationException("nothing to re-encode"), _ => Task.FromResult(true), CancellationToken.None));
    }

    /// <summary>The pass with a re-encode that lands <paramref name="lands"/> (index, the ask the steering gives the run);
    /// kept attempts replace the stored segment.</summary>
    private Task<BitrateCorrectionReport?> RunAsync(Func<int, long, EncodedSegment?> lands)
    {
        var pass = new BitrateCorrectionPass(_plans, _store, _steering, Target, Duration);
        SegmentReencoder reencode = (index, _) =>
        {
            var ask = _steering.Start(index);
            Assert.Equal(ask, _steering.Start(index)); // a duplicate run of the segment asks the same
            return Task.FromResult(lands(index, ask) is { } segment ? ((EncodedSegment, double)?)(segment, 0) : null);
        };
        return pass.RunAsync(reencode, segment => { _store.Replace(segment); return Task.FromResult(true); }, CancellationToken.None);
    }

    private double FileOff() => (_plans.Sum(p => _store.VideoBytes(p.Index)) * 8.0 / Duration.TotalSeconds / Target) - 1;

    private static long BytesFor(long ask, double landing) => (long)Math.Round(ask * landing * FramesPerSegment / 30.0 / 8);

    private static EncodedSegment Segment(int index, long bytes) =>
        new(index, LeaseId.New(), new NodeId("node-a"), new byte[] { 1, 0x64, 0, 0x1f }, [new EncodedPacket(0, 0, 1, true, new byte[bytes])]);
}
