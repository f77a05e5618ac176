using System.Collections.Immutable;

namespace Vtr.Cli.Segmenting;

/// <summary>How one stored segment of a --bitrate job landed: its frames, the rate it asked its node for (bit/s) and
/// the video bytes it came back with.</summary>
public readonly record struct SegmentLanding(int Index, int Frames, long AskedBitsPerSecond, long VideoBytes);

/// <summary>A segment to encode again at <paramref name="AskBitsPerSecond"/>, and the bytes that ask should give it.</summary>
public readonly record struct SegmentCorrection(int Index, long AskBitsPerSecond, long ExpectedBytes);

/// <summary>
/// Which segments of a finished --bitrate job to encode again, and at what ask, so the whole file lands on its target
/// (pure). Steering (<see cref="SegmentBitrateSteering"/>) cannot act on the first, blind wave of segments, so a farm
/// with many sessions can still end a few percent off; this plans the bounded second pass on outliers. Nothing is
/// planned while the file is within <see cref="Trigger"/> of the target. Otherwise the segments that are furthest past
/// their share of the budget in the direction of the error are picked, as few as can absorb the error with each ask
/// moved at most <see cref="GentleStep"/> (a smaller change is a smaller quality step in the picture), never more than
/// a quarter of the segments (then their asks may move as far as the steering's clamp). All picked segments move by
/// one common factor, found so the predicted file lands on the target; a segment is predicted to land at the same ratio
/// to its new ask as it did to its old one.
/// </summary>
public static class BitrateCorrection
{
    /// <summary>How far (fraction of the target) the file may land before segments are re-encoded: well inside the ±3 %
    /// a user is promised, so a correction that lands short of its aim still ends inside it.</summary>
    public const double Trigger = 0.02;

    /// <summary>How far the file may still be off after a round that kept something before a second round runs: a
    /// first round that landed past the target (x264 lands a lower ask at a lower ratio to it) is brought back nearer.</summary>
    public const double SecondRoundTrigger = 0.01;

    /// <summary>The largest change of a segment's ask (factor) taken while more segments could share the error.</summary>
    public const double GentleStep = 0.25;

    /// <summary>The segments to encode again with their new asks; empty when the file is near enough or nothing helps.</summary>
    /// <param name="target">The job's --bitrate, bit/s.</param>
    /// <param name="duration">The source's duration: the file's budget is target × duration.</param>
    /// <param name="trigger">How far off (fraction of the target) the file must be for anything to run.</param>
    public static ImmutableArray<SegmentCorrection> Plan(IReadOnlyList<SegmentLanding> segments, long target, TimeSpan duration, double trigger = Trigger)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(target);
        var totalFrames = segments.Sum(s => s.Frames);
        if (totalFrames == 0 || duration <= TimeSpan.Zero || segments.Any(s => s.AskedBitsPerSecond <= 0 || s.VideoBytes <= 0))
        {
            return [];
        }

        var budgetBytes = BudgetBytes(target, duration);
        var excess = segments.Sum(s => (double)s.VideoBytes) - budgetBytes; // > 0: the file overshot
        if (Math.Abs(excess) <= trigger * budgetBytes)
        {
            return [];
        }

        // Furthest past its share (target × its seconds) first, in the direction of the error; a segment whose ask is
        // already at the clamp on that side cannot move.
        var bytesPerFrame = budgetBytes / totalFrames;
        var candidates = segments
            .Where(s => Math.Sign(s.VideoBytes - (bytesPerFrame * s.Frames)) == Math.Sign(excess))
            .Where(s => excess > 0
                ? s.AskedBitsPerSecond > Math.Round(target * SegmentBitrateSteering.LowestAsk)
                : s.AskedBitsPerSecond < Math.Round(target * SegmentBitrateSteering.HighestAsk))
            .OrderByDescending(s => Math.Abs(s.VideoBytes - (bytesPerFrame * s.Frames)))
            .ThenBy(s => s.Index)
            .ToList();
        var cap = Math.Min(candidates.Count, Math.Max(1, (segments.Count + 3) / 4));
        if (cap == 0)
        {
            return [];
        }

        var gentle = excess > 0 ? 1 - GentleStep : 1 / (1 - GentleStep);
        for (var count = 1; count <= cap; count++)
        {
            var picked = candidates.Take(count).ToList();
            var factor = FactorToLand(picked, excess, target);
            var withinGentleStep = excess > 0 ? factor >= gentle : factor <= gentle;
            var lands = Math.Abs(Change(picked, factor, target) + excess) <= 1e-3 * budgetBytes;
            if ((withinGentleStep && lands) || count == cap)
            {
                return Corrections(picked, factor, target);
            }
        }

        return []; // not reached: the loop returns at count == cap
    }

    /// <summary>The file's video budget: <paramref name="target"/> bit/s over <paramref name="duration"/>, in bytes.</summary>
    public static double BudgetBytes(long target, TimeSpan duration) => target * duration.TotalSeconds / 8;

    /// <summary>The common factor on the picked asks whose predicted change cancels <paramref name="excess"/> as far as
    /// the clamp allows (bisection: the predicted change only grows with the factor).</summary>
    private static double FactorToLand(List<SegmentLanding> picked, double excess, long target)
    {
        double low = 0, high = HighestFactor(picked, target);
        for (var i = 0; i < 64; i++)
        {
            var middle = (low + high) / 2;
            if (Change(picked, middle, target) + excess > 0)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>A factor past which every picked ask is clamped at the top.</summary>
    private static double HighestFactor(List<SegmentLanding> picked, long target) =>
        picked.Max(s => target * SegmentBitrateSteering.HighestAsk / s.AskedBitsPerSecond) + 1;

    /// <summary>The predicted change in the file's bytes when the picked asks are scaled by <paramref name="factor"/>.</summary>
    private static double Change(List<SegmentLanding> picked, double factor, long target) =>
        picked.Sum(s => Expected(s, Ask(s, factor, target)) - s.VideoBytes);

    private static long Ask(SegmentLanding segment, double factor, long target) =>
        (long)Math.Round(Math.Clamp(segment.AskedBitsPerSecond * factor, target * SegmentBitrateSteering.LowestAsk, target * SegmentBitrateSteering.HighestAsk));

    /// <summary>The bytes a segment should land at for <paramref name="ask"/>: the same ratio to its ask as before.</summary>
    private static double Expected(SegmentLanding segment, long ask) => (double)segment.VideoBytes * ask / segment.AskedBitsPerSecond;

    private static ImmutableArray<SegmentCorrection> Corrections(List<SegmentLanding> picked, double factor, long target) =>
        [.. picked
            .Select(s => (Segment: s, Ask: Ask(s, factor, target)))
            .Where(p => p.Ask != p.Segment.AskedBitsPerSecond)
            .OrderBy(p => p.Segment.Index)
            .Select(p => new SegmentCorrection(p.Segment.Index, p.Ask, (long)Math.Round(Expected(p.Segment, p.Ask))))];
}
