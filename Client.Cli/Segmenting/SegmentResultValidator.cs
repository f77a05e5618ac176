using Vtr.Cli.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// Decides whether a node's output for a segment can be used (pure): exactly the planned number of packets, their pts
/// exactly the plan's <see cref="SegmentPlan.OutputPts"/>, and a keyframe first in decode order.
/// </summary>
public static class SegmentResultValidator
{
    /// <summary>Null when usable, else a one-line reason.</summary>
    public static string? Check(SegmentPlan plan, IReadOnlyList<EncodedPacket> packets)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(packets);
        if (packets.Count != plan.FrameCount)
        {
            return $"segment {plan.Index}: node returned {packets.Count} packets, expected {plan.FrameCount}";
        }

        if (packets.Count == 0)
        {
            return null;
        }

        if (!packets[0].IsKeyframe)
        {
            return $"segment {plan.Index}: first packet (pts {packets[0].Pts}) is not a keyframe";
        }

        var pts = new long[packets.Count];
        for (var i = 0; i < pts.Length; i++)
        {
            pts[i] = packets[i].Pts;
        }

        Array.Sort(pts);
        for (var i = 0; i < pts.Length; i++)
        {
            if (pts[i] != plan.OutputPts[i])
            {
                return $"segment {plan.Index}: presentation timestamp {i} is {pts[i]}, expected {plan.OutputPts[i]}";
            }
        }

        return null;
    }
}
