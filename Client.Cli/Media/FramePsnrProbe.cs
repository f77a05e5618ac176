using System.Collections.Immutable;

namespace Vtr.Cli.Media;

/// <summary>
/// Per-frame distortion as FFmpeg's psnr filter reports it (its decoders, its arithmetic): one mean squared error per
/// frame, averaged over Y, U and V by pixel count as the filter's <c>mse_avg</c> is, in presentation order; and the
/// PSNR of such an error. The per-segment check (<see cref="SegmentQualityProbe"/>) runs the filter.
/// </summary>
public static class FramePsnrProbe
{
    /// <summary>What a lossless frame reports (the filter prints "inf"; a number keeps averages and tables finite).</summary>
    public const double MaxPsnr = Shared.Media.Psnr.IdenticalDb;

    /// <summary>The <c>mse_avg</c> of every "n:1 mse_avg:… mse_y:…" line.</summary>
    public static ImmutableArray<double> ParseStats(string stats) => FilterStats.Values(stats, "mse_avg");

    /// <summary>PSNR from a mean squared error in sample units of <paramref name="bitDepth"/> bits (the filter's own
    /// peak); identical pictures are capped at <see cref="MaxPsnr"/>.</summary>
    public static double Psnr(double meanSquaredError, int bitDepth) => Shared.Media.Psnr.FromMeanSquaredError(meanSquaredError, bitDepth);
}
