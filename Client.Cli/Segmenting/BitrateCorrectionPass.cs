using System.Collections.Immutable;
using System.Diagnostics;
using Vtr.Cli.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>What a --bitrate job's correction pass did: segments whose re-encode was kept, re-encodes run, the file's
/// video bitrate before it and the wall time it took.</summary>
public sealed record BitrateCorrectionReport(int Kept, int Encodes, double BitsPerSecondBefore, TimeSpan Elapsed);

/// <summary>
/// The bounded second pass of a --bitrate job on its outliers, once every segment is stored and before assembly:
/// <see cref="BitrateCorrection"/> picks the segments and their asks, they are encoded again in parallel (one-segment
/// jobs on the same cluster, at the ask given to the steering), and attempts are kept best first while one brings the
/// file nearer the target. At most <see cref="MaxRounds"/> rounds, the second only when the first kept something and
/// the file is still more than <see cref="BitrateCorrection.SecondRoundTrigger"/> off. A failed re-encode keeps the old
/// segment: the pass never loses a segment or fails a job.
/// </summary>
public sealed class BitrateCorrectionPass(
    ImmutableArray<SegmentPlan> plans, SegmentResultStore store, SegmentBitrateSteering steering, long target, TimeSpan duration)
{
    public const int MaxRounds = 2;

    private double BudgetBytes => BitrateCorrection.BudgetBytes(target, duration);

    /// <param name="reencode">Runs one segment again (at the ask given to the steering); null when no node could.</param>
    /// <param name="replace">Puts a kept attempt in the store (measured first when the per-segment check is on); false
    /// when it could not (the old segment stays).</param>
    /// <returns>Null when the file was near enough and nothing ran.</returns>
    public async Task<BitrateCorrectionReport?> RunAsync(
        SegmentReencoder reencode, Func<EncodedSegment, Task<bool>> replace, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reencode);
        ArgumentNullException.ThrowIfNull(replace);
        var started = Stopwatch.GetTimestamp();
        var before = TotalBytes();
        var kept = new HashSet<int>();
        var encodes = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var trigger = round == 0 ? BitrateCorrection.Trigger : BitrateCorrection.SecondRoundTrigger;
            var corrections = BitrateCorrection.Plan(Landings(), target, duration, trigger);
            if (corrections.IsEmpty)
            {
                break;
            }

            foreach (var correction in corrections)
            {
                steering.Correct(correction.Index, correction.AskBitsPerSecond);
            }

            var attempts = await Task.WhenAll(corrections.Select(c => reencode(c.Index, ct))).ConfigureAwait(false);
            encodes += corrections.Length;
            var keptBefore = kept.Count;
            var total = (double)TotalBytes();
            var tried = corrections.Zip(attempts)
                .Where(a => a.Second is not null)
                .Select(a => (a.First.Index, a.First.AskBitsPerSecond, Segment: a.Second!.Value.Segment,
                    Change: a.Second.Value.Segment.Packets.Sum(p => (long)p.AnnexB.Length) - store.VideoBytes(a.First.Index)))
                .ToList();
            // Best first: the attempt that takes the file nearest the target, while one still takes it nearer.
            while (tried.Count > 0)
            {
                var best = tried.MinBy(a => Math.Abs(total + a.Change - BudgetBytes));
                tried.Remove(best);
                if (Math.Abs(total + best.Change - BudgetBytes) >= Math.Abs(total - BudgetBytes))
                {
                    break;
                }

                if (await replace(best.Segment).ConfigureAwait(false))
                {
                    total += best.Change;
                    steering.Kept(best.Index, best.AskBitsPerSecond);
                    kept.Add(best.Index);
                }
            }

            if (kept.Count == keptBefore)
            {
                break; // the same plan again would only repeat what did not help
            }
        }

        return encodes == 0 ? null : new BitrateCorrectionReport(kept.Count, encodes, before * 8.0 / duration.TotalSeconds, Stopwatch.GetElapsedTime(started));
    }

    private List<SegmentLanding> Landings() =>
        [.. plans.Select(p => new SegmentLanding(p.Index, p.FrameCount, steering.AskOf(p.Index), store.VideoBytes(p.Index)))];

    private long TotalBytes() => plans.Sum(p => store.VideoBytes(p.Index));
}
