using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Cluster;

namespace Vtr.Client.Cli.Tests.Segmenting;

public sealed class SegmentQualityReportTests
{
    private static readonly NodeId Mac = new("mac:5555");
    private static readonly NodeId Linux = new("linux:5555");

    [Fact]
    public void Psnr_stats_lines_yield_one_mse_per_frame()
    {
        const string stats = "n:1 mse_avg:6.50 mse_y:8.00 mse_u:3.50 mse_v:3.50 psnr_avg:39.00 psnr_y:39.10 psnr_u:42.69 psnr_v:42.69 \n"
            + "n:2 mse_avg:0.00 mse_y:0.00 mse_u:0.00 mse_v:0.00 psnr_avg:inf psnr_y:inf psnr_u:inf psnr_v:inf \n";

        Assert.Equal([6.5, 0.0], FramePsnrProbe.ParseStats(stats).ToArray());
    }

    [Fact]
    public void Ssim_stats_lines_yield_the_all_value_of_each_frame()
    {
        const string stats = "n:1 Y:0.987899 U:0.987229 V:0.989618 All:0.988074 (19.235055)\n"
            + "n:2 Y:1.000000 U:1.000000 V:1.000000 All:1.000000 (inf)\n";

        Assert.Equal([0.988074, 1.0], SegmentQualityProbe.ParseSsimStats(stats).ToArray());
    }

    [Theory]
    [InlineData(65.025, 8, 30.0)] // 255² / 65.025 = 1000
    [InlineData(0.0, 8, FramePsnrProbe.MaxPsnr)]
    [InlineData(1046.529, 10, 30.0)] // 1023² / 1046.529 = 1000
    public void Psnr_uses_the_peak_of_the_bit_depth(double mse, int bitDepth, double psnr) =>
        Assert.Equal(psnr, FramePsnrProbe.Psnr(mse, bitDepth), 6);

    [Fact]
    public void Segments_are_weighted_by_frames_and_grouped_by_node()
    {
        // Segment 0: MSE 6.5025 (40 dB) on the Mac, 2 frames; segment 1: MSE 65.025 (30 dB) on Linux, 3 frames, re-encoded once.
        var report = SegmentQualityReport.Build(
            [(0, Mac, new SegmentMeasurement(2, 6.5025, 0.99, null), 1), (1, Linux, new SegmentMeasurement(3, 65.025, 0.94, null), 2)],
            8, TimeSpan.FromSeconds(1.5));

        Assert.Equal([40.0, 30.0], report.Segments.Select(s => Math.Round(s.Psnr, 6)));
        Assert.Equal((Mac, 2), (report.Segments[0].Node, report.Segments[0].Frames));
        Assert.Equal(10 * Math.Log10(255.0 * 255.0 / (((2 * 6.5025) + (3 * 65.025)) / 5)), report.Psnr, 9);
        Assert.Equal(((2 * 0.99) + (3 * 0.94)) / 5, report.Ssim, 9);
        Assert.Equal(35.0, report.MedianPsnr, 6);
        var text = report.ToString();
        Assert.Contains("segments 30.00–40.00 dB (median 35.00)", text, StringComparison.Ordinal);
        Assert.Contains("node linux:5555: 1 segments, 3 frames, PSNR 30.00–30.00 dB, SSIM 0.9400–0.9400", text, StringComparison.Ordinal);
        Assert.Contains("per segment (dB): 0:40.0 1:30.0*", text, StringComparison.Ordinal);
        Assert.Contains("re-encoded to even out quality: 1 segments, 1 extra encodes", text, StringComparison.Ordinal);
        Assert.Contains("checked per segment in 1.5 s", text, StringComparison.Ordinal);
    }
}
