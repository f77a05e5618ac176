using Vtr.Cli.Benchmarks.Quality;

namespace Vtr.Client.Cli.Tests.Benchmarks;

public sealed class BjontegaardDeltaTests
{
    // A real-looking x264 curve: bitrate doubles for about +3 dB, flattening at the top.
    private static readonly RatePoint[] Reference = [new(500, 35.1), new(1000, 37.6), new(2000, 40.4), new(4000, 43.0)];

    [Fact]
    public void Identical_curves_differ_by_nothing() =>
        Assert.Equal(0, BjontegaardDelta.RatePercent(Reference, Reference)!.Value, 9);

    [Theory]
    [InlineData(1.10, 10.0)]
    [InlineData(0.95, -5.0)]
    [InlineData(1.008, 0.8)]
    public void Every_point_needing_a_fixed_share_more_bits_is_that_share(double factor, double percent)
    {
        var test = Reference.Select(p => p with { Kbps = p.Kbps * factor }).ToArray();

        Assert.Equal(percent, BjontegaardDelta.RatePercent(Reference, test)!.Value, 6);
    }

    [Fact]
    public void A_curve_with_more_quality_at_the_same_bits_has_a_negative_delta()
    {
        var better = Reference.Select(p => p with { Psnr = p.Psnr + 0.5 }).ToArray();

        Assert.True(BjontegaardDelta.RatePercent(Reference, better) < -5);
    }

    [Fact]
    public void Fewer_than_four_points_or_no_shared_psnr_range_give_no_delta()
    {
        Assert.Null(BjontegaardDelta.RatePercent(Reference, Reference[..3]));
        Assert.Null(BjontegaardDelta.RatePercent(Reference, Reference.Select(p => p with { Psnr = p.Psnr + 20 }).ToArray()));
    }
}
