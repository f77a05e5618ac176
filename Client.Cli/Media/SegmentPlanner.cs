using System.Collections.Immutable;

namespace Vtr.Cli.Media;

/// <summary>
/// Splits a probed video into keyframe-aligned segments of about S seconds (pure): a cut is made at the keyframe (or,
/// in an intra-only source, the frame) nearest each multiple of S from the start, so sizes stay within a GOP of S and
/// the count near duration / S; a GOP longer than S is never split.
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
        // Aim at multiples of S from the start, so rounding to a keyframe never accumulates: 5 s aims on 2 s GOPs cut
        // 6/4/6/4 s, which two sessions share evenly, where "S after the last cut" cut 6/6/6/2. A multiple that the last
        // cut already passed (or nearly: a GOP longer than S) is skipped, so no segment is cut shorter than it must be.
        var step = 1;
        var k = 0;
        while (true)
        {
            while (origin + (step * segmentSeconds) <= startSeconds + (segmentSeconds / 2))
            {
                step++;
            }

            var target = origin + (step * segmentSeconds);
            step++;
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
