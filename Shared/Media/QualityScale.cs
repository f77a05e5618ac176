namespace Vtr.Shared.Media;

/// <summary>
/// vtr's one constant-quality scale: 0–100, higher is better, with VideoToolbox's meaning — what
/// <c>ffmpeg -c:v h264_videotoolbox -q:v Q</c> asks of kVTCompressionPropertyKey_Quality (the fraction Q/100).
/// It crosses the wire exactly as FFmpeg's <c>-q:v Q</c> does: global_quality = Q × FF_QP2LAMBDA with the QSCALE
/// flag, so a node cannot tell <c>vtr transcode --quality Q</c> from an unmodified FFmpeg client.
/// </summary>
public static class QualityScale
{
    public const int Min = 0;

    public const int Max = 100;

    /// <summary>FF_QP2LAMBDA (libavutil/avutil.h): <c>-q:v Q</c> stores Q × 118 in AVCodecContext.global_quality.</summary>
    public const int LambdaPerStep = 118;

    /// <summary>AV_CODEC_FLAG_QSCALE: the CONFIGURE <c>flags</c> bit that makes global_quality a lambda-scaled quality.</summary>
    public const int QScaleFlag = 1 << 1;

    /// <summary>The global_quality FFmpeg's <c>-q:v</c> would send for <paramref name="quality"/>.</summary>
    public static int ToGlobalQuality(int quality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, Min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, Max);
        return quality * LambdaPerStep;
    }

    /// <summary>
    /// The VideoToolbox quality fraction (0..1) a CONFIGURE asks for. With QSCALE the value is lambda-scaled, so
    /// it is divided by 11800 (FF_QP2LAMBDA × 100) as videotoolboxenc.c does (global_quality / FF_QP2LAMBDA, then
    /// / 100). Without QSCALE the original server still reads it as a percentage (gq / 100, WIRE.md §4.2); we keep
    /// that so plain FFmpeg clients see no change. Capped at 1.0 like both.
    /// </summary>
    public static double ToFraction(int globalQuality, int flags)
    {
        var divisor = (flags & QScaleFlag) != 0 ? LambdaPerStep * 100.0 : 100.0;
        return Math.Clamp(globalQuality / divisor, 0.0, 1.0);
    }
}
