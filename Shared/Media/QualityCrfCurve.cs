namespace Vtr.Shared.Media;

/// <summary>
/// The calibrated bridge between <see cref="QualityScale"/> (VideoToolbox's 0–100) and x264/x265's crf (51..0),
/// used both ways: software nodes turn a quality into a crf, VideoToolbox nodes turn a <c>--crf</c> into a quality.
/// A straight line (crf = 51 × (1 − q)) puts the usable x264 range 17–28 into quality 45–67 and leaves most of the
/// scale worthless, so the curve is a table of anchor points with straight lines between them. The anchors are
/// where VideoToolbox users land (HandBrake's VideoToolbox default quality is 60, users call 50 a compromise,
/// 20 "horrendous" and 80 "crystal clear") set against x264's own landmarks (23 default, 17–18 visually
/// transparent, 51 worst); docs/benchmarks.md has the x264 bitrate and PSNR measured at each anchor.
/// </summary>
public static class QualityCrfCurve
{
    public const double MinCrf = 0;

    public const double MaxCrf = 51;

    /// <summary>
    /// x265 spends about half of x264's bits for the same picture at crf + 5 (x265's default 28 is meant to look
    /// like x264's 23; FFmpeg's H.265 guide says the same), so HEVC software nodes shift the table by this much.
    /// </summary>
    public const double HevcCrfOffset = 5;

    /// <summary>(quality, x264 crf) anchors, quality ascending and crf strictly descending so the curve inverts.</summary>
    public static readonly IReadOnlyList<(double Quality, double Crf)> Anchors =
    [
        (0, 51),
        (20, 37),
        (40, 29),
        (50, 26),
        (60, 23),
        (70, 20),
        (80, 17),
        (90, 13),
        (100, 8),
    ];

    /// <summary>The crf a software node encodes <paramref name="quality"/> (0–100) with, to one decimal.</summary>
    public static double CrfFor(double quality, VideoCodec codec)
    {
        var q = Math.Clamp(quality, QualityScale.Min, QualityScale.Max);
        var i = 1;
        while (i < Anchors.Count - 1 && q > Anchors[i].Quality)
        {
            i++;
        }

        var crf = Lerp(q, Anchors[i - 1].Quality, Anchors[i].Quality, Anchors[i - 1].Crf, Anchors[i].Crf);
        return Math.Round(Math.Min(MaxCrf, crf + Offset(codec)), 1);
    }

    /// <summary>The quality (0–100) a VideoToolbox node encodes a <c>--crf</c> with: the inverse of <see cref="CrfFor"/>.</summary>
    public static double QualityFor(double crf, VideoCodec codec)
    {
        var x264Crf = Math.Clamp(crf - Offset(codec), Anchors[^1].Crf, Anchors[0].Crf);
        var i = 1;
        while (i < Anchors.Count - 1 && x264Crf < Anchors[i].Crf)
        {
            i++;
        }

        return Math.Round(Lerp(x264Crf, Anchors[i - 1].Crf, Anchors[i].Crf, Anchors[i - 1].Quality, Anchors[i].Quality), 1);
    }

    private static double Offset(VideoCodec codec) => codec == VideoCodec.Hevc ? HevcCrfOffset : 0;

    private static double Lerp(double x, double x0, double x1, double y0, double y1) => y0 + ((x - x0) / (x1 - x0) * (y1 - y0));
}
