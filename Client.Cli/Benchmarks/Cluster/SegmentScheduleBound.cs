namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>
/// The best efficiency whole segments allow on k equal nodes: segments cannot be split, so the job lasts at least as
/// long as the busiest node's share. Shares are dealt longest-first to the least loaded node (LPT, within 4/3 of the
/// optimum and exact for equal segments); efficiency = total frames / (k × busiest share).
/// </summary>
internal static class SegmentScheduleBound
{
    public static double BestEfficiency(IReadOnlyCollection<int> segmentFrames, int nodes)
    {
        ArgumentNullException.ThrowIfNull(segmentFrames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nodes);
        if (segmentFrames.Count == 0)
        {
            return 0;
        }

        var loads = new PriorityQueue<int, long>();
        for (var node = 0; node < nodes; node++)
        {
            loads.Enqueue(node, 0);
        }

        long busiest = 0, total = 0;
        foreach (var frames in segmentFrames.OrderDescending())
        {
            loads.TryDequeue(out var node, out var load);
            load += frames;
            total += frames;
            busiest = Math.Max(busiest, load);
            loads.Enqueue(node, load);
        }

        return (double)total / (nodes * busiest);
    }
}
