using System.Collections.Immutable;

namespace Vtr.Cli.Media;

/// <summary>
/// Bitrate mode's warm-up for split encodes (pure). Each segment is its own ABR encode, which starts cold: its rate
/// control and lookahead know nothing of the picture until they have spent part of the segment's bits learning it.
/// With pre-roll the node also encodes the last frames of the previous segment, forces the IDR at the segment's first
/// frame and drops every packet before it (CONFIGURE <c>preroll_from_pts</c>, docs/protocol.md), the way ExCamera warms
/// its chunks. Measured in docs/benchmarks.md ("Pre-roll"). Crf and quality modes have nothing to warm and get none.
/// </summary>
public static class SegmentPreRoll
{
    /// <summary>The most pre-roll frames a segment gets: one second of a 30 fps source, the longest warm-up measured.</summary>
    public const int MaxFrames = 30;

    /// <summary>The pre-roll may add at most this share of a segment's frames to its encode (it is paid in encode time).
    /// On 5 s segments 10 % took the split from +1.56 % to +0.96 % BD-rate in the emulation but +1.03 % in `vtr bench
    /// quality`, 20 % to +0.59 % (docs/benchmarks.md, "Pre-roll length against segment length").</summary>
    public const double MaxShareOfSegment = 0.15;

    /// <summary>
    /// The shortest pre-roll worth encoding. ABR counts the pre-roll's bits, its opening IDR included, so a pre-roll too
    /// short to settle leaves that overspend for the segment to pay back: 3 frames on 1 s segments of noise took a
    /// file from +16.7 % to −20.1 % of its target. Half a second of 24 fps.
    /// </summary>
    public const int MinFrames = 12;

    /// <summary>
    /// Segments at least this long get no pre-roll: they cost under 1 % without one (+0.64 % at 10 s, `vtr bench
    /// quality`), and the pre-roll would be paid in encode time on every long file a farm is for.
    /// </summary>
    public const double NeededBelowSeconds = 8;

    /// <summary>Pre-roll frames for segments as long as <paramref name="plans"/>' median: <see cref="MaxShareOfSegment"/> of
    /// it, at most <see cref="MaxFrames"/>; none below <see cref="MinFrames"/> (too short a segment to warm at that share)
    /// or from <see cref="NeededBelowSeconds"/> up (long enough not to need it).</summary>
    public static int FramesFor(MediaInfo info, ImmutableArray<SegmentPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (plans.Length < 2)
        {
            return 0;
        }

        var median = plans.OrderBy(p => p.FrameCount).ElementAt(plans.Length / 2);
        if (info.ToSeconds(median.EndPts - median.StartPts) >= NeededBelowSeconds)
        {
            return 0;
        }

        var frames = Math.Min(MaxFrames, (int)(median.FrameCount * MaxShareOfSegment));
        return frames >= MinFrames ? frames : 0;
    }

    /// <summary>
    /// Gives every segment after the first a pre-roll of up to <paramref name="frames"/> frames (never more than the
    /// previous segment has) and moves its decode start back to a keyframe from which those frames decode. A segment
    /// whose pre-roll would need more extra source packets decoded than it has frames itself (a long-GOP source) keeps
    /// none: the decode would cost more than the warm-up saves.
    /// </summary>
    public static ImmutableArray<SegmentPlan> Apply(MediaInfo info, ImmutableArray<SegmentPlan> plans, int frames)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        if (frames == 0 || plans.Length < 2)
        {
            return plans;
        }

        var packets = info.VideoPackets;
        var keyframes = SegmentPlanner.KeyframeIndices(packets);
        var packetOfPts = new Dictionary<long, int>(packets.Length);
        foreach (var packet in packets)
        {
            packetOfPts.TryAdd(packet.Pts, packet.Index);
        }

        var result = plans.ToBuilder();
        for (var i = 1; i < plans.Length; i++)
        {
            var previous = plans[i - 1].OutputPts;
            var count = Math.Min(frames, previous.Length);
            var warm = previous[^count..];
            if (DecodeStart(packets, keyframes, packetOfPts, warm, plans[i].FirstPacketIndex, plans[i].FrameCount) is { } start)
            {
                result[i] = plans[i] with
                {
                    DecodeFromPacketIndex = Math.Min(start, plans[i].DecodeFromPacketIndex),
                    PreRollFromPts = warm[0],
                    PreRollFrames = count,
                };
            }
        }

        return result.MoveToImmutable();
    }

    /// <summary>The latest keyframe before <paramref name="first"/> from which every pre-roll frame decodes: each one's packet
    /// lies between it and the segment, and none is shown before it (a leading frame would need the GOP before). Null when
    /// that keyframe lies more than <paramref name="maxExtraPackets"/> packets before the segment.</summary>
    private static int? DecodeStart(ImmutableArray<VideoPacketInfo> packets, List<int> keyframes, Dictionary<long, int> packetOfPts,
        ImmutableArray<long> warm, int first, int maxExtraPackets)
    {
        for (var k = keyframes.Count - 1; k >= 0; k--)
        {
            var key = keyframes[k];
            if (key >= first)
            {
                continue;
            }

            if (first - key > maxExtraPackets)
            {
                return null;
            }

            var fits = true;
            foreach (var pts in warm)
            {
                fits &= packetOfPts.TryGetValue(pts, out var index) && index >= key && index < first && pts >= packets[key].Pts;
            }

            if (fits)
            {
                return key;
            }
        }

        return null;
    }
}
