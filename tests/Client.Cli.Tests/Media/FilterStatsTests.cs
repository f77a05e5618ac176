using Vtr.Cli.Media;

namespace Vtr.Client.Cli.Tests.Media;

public sealed class FilterStatsTests
{
    [Fact]
    public void Values_reads_one_named_field_per_frame_line_of_the_ssim_stats_file()
    {
        const string stats = "n:1 Y:0.987899 U:0.987229 V:0.989618 All:0.988074 (19.235055)\n"
            + "n:2 Y:1.000000 U:1.000000 V:1.000000 All:1.000000 (inf)\n";

        Assert.Equal([0.988074, 1.0], FilterStats.Values(stats, "All").ToArray());
        Assert.Equal([0.987899, 1.0], FilterStats.Values(stats, "Y").ToArray());
    }

    [Fact]
    public void Values_matches_the_whole_field_name_and_skips_lines_without_it_or_with_no_number()
    {
        // mse_avg must not match inside mse_avg2 or psnr_avg; "inf" is not a number; a blank line and a log line are not frames.
        const string stats = "n:1 mse_avg:6.50 mse_y:8.00 psnr_avg:39.00 \n\n[Parsed_psnr_0 @ 0x1] PSNR y:39 average:39\n"
            + "n:2 mse_avg:inf psnr_avg:inf\nn:3 mse_avg2:1.0 mse_avg:2.25\n";

        Assert.Equal([6.5, 2.25], FilterStats.Values(stats, "mse_avg").ToArray());
    }
}
