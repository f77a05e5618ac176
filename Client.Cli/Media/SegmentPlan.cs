using System.Collections.Immutable;

namespace Vtr.Cli.Media;

/// <summary>
/// One unit of work: the video packets <see cref="FirstPacketIndex"/>..<see cref="EndPacketIndex"/> (decode order,
/// end exclusive, starting at a keyframe) and the frames they present, <see cref="OutputPts"/> (presentation order).
/// Segments partition the source: every frame belongs to exactly one segment.
/// <para>
/// Open GOP: when the keyframe is followed in decode order by <see cref="LeadingPts"/> (frames shown before it, e.g.
/// HEVC RASL or x264 open-GOP B-frames) those reference the previous GOP, so decoding starts earlier at
/// <see cref="DecodeFromPacketIndex"/>; frames decoded from those extra packets are discarded — keep only
/// <see cref="OutputPts"/>.
/// </para>
/// </summary>
public sealed record SegmentPlan(
    int Index,
    int FirstPacketIndex,
    int EndPacketIndex,
    int DecodeFromPacketIndex,
    ImmutableArray<long> OutputPts,
    ImmutableArray<long> LeadingPts,
    long StartPts,
    long EndPts)
{
    public int FrameCount => OutputPts.Length;

    /// <summary>
    /// Bitrate-mode pre-roll (<see cref="SegmentPreRoll"/>): the first pts the node encodes, before <see cref="StartPts"/>,
    /// to warm rate control; those frames' packets are dropped on the node. Null: the encode starts at the segment.
    /// </summary>
    public long? PreRollFromPts { get; init; }

    /// <summary>How many frames of the previous segment <see cref="PreRollFromPts"/> covers (0 without pre-roll).</summary>
    public int PreRollFrames { get; init; }

    public int PacketCount => EndPacketIndex - FirstPacketIndex;

    /// <summary>True when packets of the previous GOP must be decoded (and their frames dropped) first.</summary>
    public bool NeedsPrecedingPackets => DecodeFromPacketIndex < FirstPacketIndex;
}
