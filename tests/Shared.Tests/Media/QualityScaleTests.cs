using Vtr.Shared.Media;

namespace Vtr.Shared.Tests.Media;

public sealed class QualityScaleTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 3540)]
    [InlineData(55, 6490)]
    [InlineData(100, 11800)]
    public void Quality_goes_on_the_wire_as_ffmpeg_q_v_sends_it(int quality, int globalQuality) =>
        Assert.Equal(globalQuality, QualityScale.ToGlobalQuality(quality));

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Quality_outside_0_to_100_is_refused(int quality) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QualityScale.ToGlobalQuality(quality));

    [Theory]
    [InlineData(6490, QualityScale.QScaleFlag, 0.55)] // -q:v 55
    [InlineData(6490, QualityScale.QScaleFlag | 256, 0.55)] // FFmpeg's CLI adds FRAME_DURATION
    [InlineData(55, 0, 0.55)] // no QSCALE: the original server's percentage
    [InlineData(500, 0, 1.0)]
    [InlineData(20000, QualityScale.QScaleFlag, 1.0)]
    public void Fraction_reads_global_quality_as_videotoolbox_does(int globalQuality, int flags, double fraction) =>
        Assert.Equal(fraction, QualityScale.ToFraction(globalQuality, flags), 9);

    [Fact]
    public void Every_quality_survives_the_wire_round_trip()
    {
        for (var q = QualityScale.Min; q <= QualityScale.Max; q++)
        {
            Assert.Equal(q / 100.0, QualityScale.ToFraction(QualityScale.ToGlobalQuality(q), QualityScale.QScaleFlag), 9);
        }
    }
}
