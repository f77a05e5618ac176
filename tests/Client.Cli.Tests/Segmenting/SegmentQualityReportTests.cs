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

    [Theory]
    [InlineData(65.025, 8, 30.0)] // 255² / 65.025 = 1000
    [InlineData(0.0, 8, FramePsnrProbe.MaxPsnr)]
    [InlineData(1046.529, 10, 30.0)] // 1023² / 1046.529 = 1000
    public void Psnr_uses_the_peak_of_the_bit_depth(double mse, int bitDepth, double psnr) =>
        Assert.Equal(psnr, FramePsnrProbe.Psnr(mse, bitDepth), 6);

    [Fact]
    public void Frames_are_split_at_segment_boundaries_and_grouped_by_node()
    {
        // Segment 0: MSE 6.5025 (40 dB) on the Mac; segment 1: MSE 65.025 (30 dB) on Linux.
        double[] mse = [6.5025, 6.5025, 65.025, 65.025, 65.025];

        var report = SegmentQualityReport.Build(mse, [(0, Mac, 2), (1, Linux, 3)], 8)!;

        Assert.Equal([40.0, 30.0], report.Segments.Select(s => Math.Round(s.Psnr, 6)));
        Assert.Equal((Mac, 2), (report.Segments[0].Node, report.Segments[0].Frames));
        Assert.Equal(10 * Math.Log10(255.0 * 255.0 / mse.Average()), report.Psnr, 9);
        var text = report.ToString();
        Assert.Contains("segments 30.00–40.00 dB", text, StringComparison.Ordinal);
        Assert.Contains("node linux:5555: 1 segments, 3 frames, PSNR 30.00–30.00 dB", text, StringComparison.Ordinal);
        Assert.Contains("per segment (dB): 0:40.0 1:30.0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Frame_counts_that_do_not_add_up_give_no_report() =>
        Assert.Null(SegmentQualityReport.Build([1.0, 1.0, 1.0], [(0, Mac, 2)], 8));
}
