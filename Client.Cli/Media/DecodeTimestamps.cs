using System.Collections.Immutable;

namespace Vtr.Cli.Media;

/// <summary>
/// Builds decode timestamps for containers that store only pts (Matroska): dts[i] is the i-th smallest pts shifted
/// back by the reorder depth d = max(i - rank(pts[i])), the smallest shift that keeps dts ≤ pts; the first d values
/// are extrapolated before the first pts with the first frame interval. The result is strictly increasing.
/// </summary>
internal static class DecodeTimestamps
{
    public static ImmutableArray<VideoPacketInfo> Synthesize(ImmutableArray<VideoPacketInfo> packets)
    {
        var sorted = new long[packets.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = packets[i].Pts;
        }

        Array.Sort(sorted);
        var depth = 0;
        for (var i = 0; i < packets.Length; i++)
        {
            depth = Math.Max(depth, i - Array.BinarySearch(sorted, packets[i].Pts));
        }

        var interval = sorted.Length > 1 ? Math.Max(1, sorted[1] - sorted[0]) : 1;
        var result = ImmutableArray.CreateBuilder<VideoPacketInfo>(packets.Length);
        for (var i = 0; i < packets.Length; i++)
        {
            var dts = i >= depth ? sorted[i - depth] : sorted[0] - ((depth - i) * interval);
            result.Add(packets[i] with { Dts = dts });
        }

        return result.MoveToImmutable();
    }
}
