using Vtr.Shared.Media;

namespace Vtr.Shared.Tests.Media;

/// <summary>The documented mapping (README, docs/architecture.md) as a table; a change to the curve must change these rows.</summary>
public sealed class QualityCrfCurveTests
{
    [Theory]
    [InlineData(0, 51.0, 51.0)]
    [InlineData(10, 44.0, 49.0)]
    [InlineData(20, 37.0, 42.0)]
    [InlineData(30, 33.0, 38.0)]
    [InlineData(40, 29.0, 34.0)]
    [InlineData(50, 26.0, 31.0)]
    [InlineData(55, 24.5, 29.5)]
    [InlineData(60, 23.0, 28.0)]
    [InlineData(65, 21.5, 26.5)]
    [InlineData(70, 20.0, 25.0)]
    [InlineData(75, 18.5, 23.5)]
    [InlineData(80, 17.0, 22.0)]
    [InlineData(90, 13.0, 18.0)]
    [InlineData(100, 8.0, 13.0)]
    public void Quality_maps_to_crf_per_codec(double quality, double x264Crf, double x265Crf)
    {
        Assert.Equal(x264Crf, QualityCrfCurve.CrfFor(quality, VideoCodec.H264));
        Assert.Equal(x265Crf, QualityCrfCurve.CrfFor(quality, VideoCodec.Hevc));
    }

    [Theory]
    [InlineData(51.0, 0.0)]
    [InlineData(33.0, 30.0)]
    [InlineData(23.0, 60.0)]
    [InlineData(18.0, 76.7)]
    [InlineData(17.0, 80.0)]
    [InlineData(8.0, 100.0)]
    [InlineData(0.0, 100.0)] // below the best anchor VideoToolbox can only give its best
    public void Crf_maps_back_to_quality_for_videotoolbox(double crf, double quality)
    {
        Assert.Equal(quality, QualityCrfCurve.QualityFor(crf, VideoCodec.H264));
        Assert.Equal(quality, QualityCrfCurve.QualityFor(crf + QualityCrfCurve.HevcCrfOffset, VideoCodec.Hevc));
    }

    [Fact]
    public void Out_of_range_quality_is_clamped_to_the_ends()
    {
        Assert.Equal(51.0, QualityCrfCurve.CrfFor(-5, VideoCodec.H264));
        Assert.Equal(8.0, QualityCrfCurve.CrfFor(150, VideoCodec.H264));
    }

    [Fact]
    public void Higher_quality_always_means_a_lower_crf_and_the_inverse_undoes_it()
    {
        var previous = double.MaxValue;
        for (var q = 0; q <= 100; q++)
        {
            var crf = QualityCrfCurve.CrfFor(q, VideoCodec.H264);
            Assert.True(crf < previous, $"quality {q}: crf {crf} not below {previous}");
            Assert.Equal(q, QualityCrfCurve.QualityFor(crf, VideoCodec.H264), 0);
            previous = crf;
        }
    }
}
