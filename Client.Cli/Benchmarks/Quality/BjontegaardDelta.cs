namespace Vtr.Cli.Benchmarks.Quality;

/// <summary>One encode on a rate-distortion curve: its bitrate and its quality (PSNR in dB).</summary>
public readonly record struct RatePoint(double Kbps, double Psnr);

/// <summary>
/// Bjøntegaard delta rate (VCEG-M33): the average bitrate difference of a test curve against a reference at equal
/// quality, in percent (+1 = the test needs 1 % more bits). Each curve is fitted as log10(rate) by a cubic in PSNR
/// (least squares; exact through four points), both fits are integrated over the PSNR range the curves share, and the
/// mean log-rate difference is turned back into a ratio (pure).
/// </summary>
public static class BjontegaardDelta
{
    /// <summary>Null when either curve has fewer than four points or the curves share no PSNR range.</summary>
    public static double? RatePercent(IReadOnlyList<RatePoint> reference, IReadOnlyList<RatePoint> test)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(test);
        if (reference.Count < 4 || test.Count < 4 || reference.Concat(test).Any(p => !(p.Kbps > 0) || !double.IsFinite(p.Psnr)))
        {
            return null;
        }

        var low = Math.Max(reference.Min(p => p.Psnr), test.Min(p => p.Psnr));
        var high = Math.Min(reference.Max(p => p.Psnr), test.Max(p => p.Psnr));
        if (!(high > low))
        {
            return null;
        }

        var meanDifference = (Integral(test, low, high) - Integral(reference, low, high)) / (high - low);
        return (Math.Pow(10, meanDifference) - 1) * 100;
    }

    /// <summary>The integral of the curve's fit over PSNR from <paramref name="low"/> to <paramref name="high"/>.</summary>
    private static double Integral(IReadOnlyList<RatePoint> points, double low, double high)
    {
        // Centred on the mean PSNR so the powers stay well conditioned (PSNR is tens of dB, its cube tens of thousands).
        var centre = points.Average(p => p.Psnr);
        var c = FitCubic(points, centre);
        return Antiderivative(c, high - centre) - Antiderivative(c, low - centre);
    }

    /// <summary>Coefficients c0..c3 of log10(kbps) ≈ c0 + c1·q + c2·q² + c3·q³ with q = PSNR − centre (normal equations).</summary>
    private static double[] FitCubic(IReadOnlyList<RatePoint> points, double centre)
    {
        var a = new double[4, 5];
        foreach (var point in points)
        {
            var q = point.Psnr - centre;
            var powers = new[] { 1, q, q * q, q * q * q };
            for (var row = 0; row < 4; row++)
            {
                for (var column = 0; column < 4; column++)
                {
                    a[row, column] += powers[row] * powers[column];
                }

                a[row, 4] += powers[row] * Math.Log10(point.Kbps);
            }
        }

        return Solve(a);
    }

    /// <summary>Gaussian elimination with partial pivoting on a 4x5 augmented matrix.</summary>
    private static double[] Solve(double[,] a)
    {
        const int n = 4;
        for (var pivot = 0; pivot < n; pivot++)
        {
            var best = pivot;
            for (var row = pivot + 1; row < n; row++)
            {
                if (Math.Abs(a[row, pivot]) > Math.Abs(a[best, pivot]))
                {
                    best = row;
                }
            }

            for (var column = 0; column <= n; column++)
            {
                (a[pivot, column], a[best, column]) = (a[best, column], a[pivot, column]);
            }

            for (var row = 0; row < n; row++)
            {
                if (row != pivot)
                {
                    var factor = a[row, pivot] / a[pivot, pivot];
                    for (var column = pivot; column <= n; column++)
                    {
                        a[row, column] -= factor * a[pivot, column];
                    }
                }
            }
        }

        return [a[0, n] / a[0, 0], a[1, n] / a[1, 1], a[2, n] / a[2, 2], a[3, n] / a[3, 3]];
    }

    private static double Antiderivative(double[] c, double q) =>
        (c[0] * q) + (c[1] * q * q / 2) + (c[2] * q * q * q / 3) + (c[3] * q * q * q * q / 4);
}
