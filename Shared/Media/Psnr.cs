namespace Vtr.Shared.Media;

/// <summary>
/// The one PSNR formula of the project (node self-test, `vtr doctor`, the client's quality report, tests):
/// 10·log10(peak² / MSE) with the peak of the samples' bit depth. Identical pictures have no finite PSNR (FFmpeg's filter
/// prints "inf"); they count as <see cref="IdenticalDb"/> so averages and tables stay finite, and every value is capped there.
/// </summary>
public static class Psnr
{
    public const double IdenticalDb = 100;

    public static double FromMeanSquaredError(double meanSquaredError, int bitDepth = 8)
    {
        var peak = (1 << bitDepth) - 1.0;
        return meanSquaredError <= 0 ? IdenticalDb : Math.Min(IdenticalDb, 10 * Math.Log10(peak * peak / meanSquaredError));
    }
}
