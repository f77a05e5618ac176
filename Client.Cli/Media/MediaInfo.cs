using System.Collections.Immutable;
using Vtr.Shared.Media;

namespace Vtr.Cli.Media;

public enum MediaStreamKind
{
    Video,
    Audio,
    Subtitle,
    Data,
    Attachment,
    Unknown,
}

/// <summary>One stream of the input as the container declares it.</summary>
public sealed record MediaStreamInfo(int Index, MediaStreamKind Kind, string CodecName, Rational TimeBase);

/// <summary>One video packet in decode order; timestamps in the video stream's time base, position in bytes (-1 unknown).</summary>
public sealed record VideoPacketInfo(int Index, long Pts, long Dts, long Duration, bool IsKeyframe, long Position);

/// <summary>
/// What <see cref="MediaProbe"/> learned: every stream, the (single, chosen) video stream's parameters (its codec by
/// FFmpeg name: any codec this FFmpeg decodes) and all its packets in decode order. <see cref="Extradata"/> is the decoder configuration record exactly as stored
/// (avcC/hvcC for MP4/MKV, Annex B parameter sets for raw streams). When the container stores no usable dts (Matroska),
/// <see cref="DtsFromContainer"/> is false and each dts is synthesized: the pts shifted back by the reorder depth.
/// </summary>
public sealed record MediaInfo(
    string Path,
    string ContainerName,
    ImmutableArray<MediaStreamInfo> Streams,
    int VideoStreamIndex,
    SourceCodec VideoCodec,
    Rational TimeBase,
    int Width,
    int Height,
    string PixelFormat,
    int BitDepth,
    ImmutableArray<byte> Extradata,
    ImmutableArray<VideoPacketInfo> VideoPackets,
    TimeSpan Duration,
    bool DtsFromContainer = true)
{
    public int FrameCount => VideoPackets.Length;

    /// <summary>The video stream's colour tags as the container/codec declares them.</summary>
    public ColourTags Colour { get; init; } = ColourTags.Unspecified;

    /// <summary>Every packet of every stream as the probe read them (the output check's view of the source); null when the
    /// info was not made by <see cref="MediaProbe"/>.</summary>
    internal ProbedPackets? Listing { get; init; }

    /// <summary>HDR10 mastering display and content light level, from the container or the first keyframe's SEI.</summary>
    public HdrMetadata Hdr { get; init; } = HdrMetadata.None;

    /// <summary>Seconds of a timestamp in the video time base.</summary>
    public double ToSeconds(long timestamp) => timestamp * (double)TimeBase.Numerator / TimeBase.Denominator;
}
