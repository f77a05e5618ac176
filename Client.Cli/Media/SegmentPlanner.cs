using System.Collections.Immutable;

namespace Vtr.Cli.Media;

/// <summary>
/// Splits a probed video into keyframe-aligned segments of about S seconds (pure). A segment ends where the keyframe
/// nearest to its start + S begins, so sizes stay within half a GOP of S; a GOP longer than S is never split. An
/// intra-only source is cut at the frame nearest each multiple of S.
/// </summary>
public static class SegmentPlanner
{
    public static ImmutableArray<SegmentPlan> Plan(MediaInfo info, double segmentSeconds)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentSeconds);
        var packets = info.VideoPackets;
        if (packets.IsEmpty)
        {
            return [];
        }

        var keyframes = KeyframeIndices(packets);
        var starts = ChooseStarts(info, keyframes, segmentSeconds);
        var plans = ImmutableArray.CreateBuilder<SegmentPlan>(starts.Count);
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : packets.Length;
            plans.Add(Build(i, packets, keyframes, starts[i], end));
        }

        // A segment ends where the next one's first presented frame (its leading frames included) begins.
        for (var i = 0; i + 1 < plans.Count; i++)
        {
            plans[i] = plans[i] with { EndPts = plans[i + 1].StartPts };
        }

        return plans.MoveToImmutable();
    }

    /// <summary>The decode-order indices of the keyframe packets, ascending.</summary>
    internal static List<int> KeyframeIndices(ImmutableArray<VideoPacketInfo> packets)
    {
        var keyframes = new List<int>();
        for (var i = 0; i < packets.Length; i++)
        {
            if (packets[i].IsKeyframe)
            {
                keyframes.Add(i);
            }
        }

        return keyframes;
    }

    /// <summary>Segment 0 starts at packet 0 (even if the source does not begin with a keyframe); later ones at keyframes.</summary>
    private static List<int> ChooseStarts(MediaInfo info, List<int> keyframes, double segmentSeconds)
    {
        var starts = new List<int> { 0 };
        var startSeconds = info.ToSeconds(info.VideoPackets[0].Pts);
        var origin = startSeconds;
        // Intra-only sources (ProRes, DNxHR, ...) can be cut anywhere: aim at multiples of S from the start so rounding
        // to whole frames never accumulates; a GOP source aims at S after the keyframe it got.
        var intraOnly = keyframes.Count == info.VideoPackets.Length;
        var k = 0;
        while (true)
        {
            var target = intraOnly ? origin + (starts.Count * segmentSeconds) : startSeconds + segmentSeconds;
            while (k < keyframes.Count && (keyframes[k] <= starts[^1] || info.ToSeconds(info.VideoPackets[keyframes[k]].Pts) < target))
            {
                k++;
            }

            // keyframes[k] is the first at/after the target; the one before may be nearer.
            var candidate = -1;
            if (k < keyframes.Count)
            {
                candidate = keyframes[k];
            }

            if (k > 0 && keyframes[k - 1] > starts[^1])
            {
                var before = keyframes[k - 1];
                if (candidate < 0 || target - info.ToSeconds(info.VideoPackets[before].Pts) < info.ToSeconds(info.VideoPackets[candidate].Pts) - target)
                {
                    candidate = before;
                }
            }

            if (candidate < 0 || (k == keyframes.Count && EndSeconds(info) - target < target - info.ToSeconds(info.VideoPackets[candidate].Pts)))
            {
                // No keyframe after the target: the end of the stream is the nearer boundary.
                return starts;
            }

            starts.Add(candidate);
            startSeconds = info.ToSeconds(info.VideoPackets[candidate].Pts);
        }
    }

    private static double EndSeconds(MediaInfo info)
    {
        var end = long.MinValue;
        foreach (var packet in info.VideoPackets)
        {
            end = Math.Max(end, packet.Pts + Math.Max(0, packet.Duration));
        }

        return info.ToSeconds(end);
    }

    private static SegmentPlan Build(int index, ImmutableArray<VideoPacketInfo> packets, List<int> keyframes, int first, int end)
    {
        var keyPts = packets[first].Pts;
        var output = new long[end - first];
        var leading = ImmutableArray.CreateBuilder<long>();
        var lastEnd = long.MinValue;
        for (var i = first; i < end; i++)
        {
            var pts = packets[i].Pts;
            output[i - first] = pts;
            lastEnd = Math.Max(lastEnd, pts + Math.Max(0, packets[i].Duration));
            if (pts < keyPts)
            {
                // Follows the keyframe in decode order but is shown before it: a leading frame.
                leading.Add(pts);
            }
        }

        Array.Sort(output);
        leading.Sort();
        var decodeFrom = first;
        if (leading.Count > 0)
        {
            var position = keyframes.BinarySearch(first);
            decodeFrom = position > 0 ? keyframes[position - 1] : first;
        }

        return new SegmentPlan(index, first, end, decodeFrom, [.. output], leading.ToImmutable(), output[0], lastEnd);
    }
}
