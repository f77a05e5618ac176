using Vtr.Cli.Segmenting;

namespace Vtr.Client.Cli.Tests.Segmenting;

public sealed class BitrateReportTests
{
    [Theory]
    [InlineData(398_400, "bitrate: 398 kb/s of video for 400 kb/s asked (-0.4 %)")]
    [InlineData(412_000, "bitrate: 412 kb/s of video for 400 kb/s asked (+3.0 %)")]
    [InlineData(399_999.8, "bitrate: 400 kb/s of video for 400 kb/s asked (0.0 %)")] // once printed as "-+0.0 %"
    public void Says_the_file_s_bitrate_against_the_target(double bitsPerSecond, string line) =>
        Assert.Equal(line + Environment.NewLine, new BitrateReport(400_000, bitsPerSecond).ToString());

    [Fact]
    public void A_correction_pass_adds_one_line_with_the_file_before_and_after()
    {
        var report = new BitrateReport(8_000_000, 8_048_000) { Correction = new BitrateCorrectionReport(2, 3, 8_272_000, TimeSpan.FromSeconds(4.23)) };

        Assert.Equal(
            "bitrate: 8048 kb/s of video for 8000 kb/s asked (+0.6 %)" + Environment.NewLine
            + "bitrate: 2 segments re-encoded to land on the target (+3.4 % → +0.6 %, 3 encodes in 4.2 s)" + Environment.NewLine,
            report.ToString());
    }

    [Fact]
    public void A_correction_pass_that_kept_nothing_says_so()
    {
        var report = new BitrateReport(8_000_000, 8_272_000) { Correction = new BitrateCorrectionReport(0, 1, 8_272_000, TimeSpan.FromSeconds(2)) };

        Assert.EndsWith("bitrate: 1 segment re-encoded to land on the target, none landed nearer (+3.4 % kept)" + Environment.NewLine, report.ToString());
    }
}
