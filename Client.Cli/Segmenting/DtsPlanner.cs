namespace Vtr.Cli.Segmenting;

/// <summary>
/// Chooses decode timestamps for a whole output stream (pure). Given the pts in decode order, it picks the smallest
/// reorder delay D such that dts[i] = sortedPts[i - D] ≤ pts[i] for every i; the first D dts lie below the first pts,
/// spaced by the smallest frame interval. The result is strictly increasing (pts must be distinct) and never after pts.
/// </summary>
public static class DtsPlanner
{
    public static long[] Plan(IReadOnlyList<long> ptsInDecodeOrder)
    {
        ArgumentNullException.ThrowIfNull(ptsInDecodeOrder);
        var count = ptsInDecodeOrder.Count;
        if (count == 0)
        {
            return [];
        }

        var sorted = new long[count];
        for (var i = 0; i < count; i++)
        {
            sorted[i] = ptsInDecodeOrder[i];
        }

        Array.Sort(sorted);
        var step = SmallestInterval(sorted);
        var delay = ReorderDelay(ptsInDecodeOrder, sorted);
        var dts = new long[count];
        for (var i = 0; i < count; i++)
        {
            dts[i] = i >= delay ? sorted[i - delay] : sorted[0] - ((delay - i) * step);
        }

        return dts;
    }

    /// <summary>The smallest D with sorted[i - D] ≤ pts[i] for all i ≥ D (i &lt; D always holds: those dts are below every pts).</summary>
    public static int ReorderDelay(IReadOnlyList<long> ptsInDecodeOrder, long[] sorted)
    {
        ArgumentNullException.ThrowIfNull(ptsInDecodeOrder);
        ArgumentNullException.ThrowIfNull(sorted);
        for (var delay = 0; delay < sorted.Length; delay++)
        {
            var fits = true;
            for (var i = delay; i < sorted.Length && fits; i++)
            {
                fits = sorted[i - delay] <= ptsInDecodeOrder[i];
            }

            if (fits)
            {
                return delay;
            }
        }

        return sorted.Length;
    }

    private static long SmallestInterval(long[] sorted)
    {
        var step = long.MaxValue;
        for (var i = 1; i < sorted.Length; i++)
        {
            var gap = sorted[i] - sorted[i - 1];
            if (gap <= 0)
            {
                throw new ArgumentException($"presentation timestamp {sorted[i]} occurs twice", nameof(sorted));
            }

            step = Math.Min(step, gap);
        }

        return step == long.MaxValue ? 1 : step;
    }
}
