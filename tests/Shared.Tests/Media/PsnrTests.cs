using Vtr.Shared.Media;

namespace Vtr.Shared.Tests.Media;

public sealed class PsnrTests
{
    [Theory]
    [InlineData(0.0, 8, 100.0)]
    [InlineData(1.0, 8, 48.1308)]
    [InlineData(1.0, 10, 60.1975)]
    [InlineData(65025.0, 8, 0.0)]
    [InlineData(1e-12, 8, 100.0)]
    public void One_formula_with_the_bit_depths_peak_and_identical_pictures_at_100_dB(double mse, int bitDepth, double expected) =>
        Assert.Equal(expected, Psnr.FromMeanSquaredError(mse, bitDepth), 4);
}
