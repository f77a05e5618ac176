namespace Vtr.Shared.Media;

/// <summary>AVCodecContext.flags bits as the CONFIGURE <c>flags</c> key carries them (libavcodec/avcodec.h).</summary>
public static class CodecContextFlags
{
    /// <summary>AV_CODEC_FLAG_QSCALE: fixed quality (<see cref="QualityScale"/>).</summary>
    public const int QScale = QualityScale.QScaleFlag;

    /// <summary>
    /// AV_CODEC_FLAG_GLOBAL_HEADER: parameter sets go into extradata only (what mp4/mov/mkv muxers ask for).
    /// Without it a node repeats them in every keyframe packet.
    /// </summary>
    public const int GlobalHeader = 1 << 22;
}
