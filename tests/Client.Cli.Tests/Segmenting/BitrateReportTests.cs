using Vtr.Cli.Segmenting;

namespace Vtr.Client.Cli.Tests.Segmenting;

public sealed class BitrateReportTests
{
    [Theory]
    [InlineData(398_400, "bitrate: 398 kb/s of video for 400 kb/s asked (-0.4 %)")]
    [InlineData(412_000, "bitrate: 412 kb/s of video for 400 kb/s asked (+3.0 %)")]
    public void Says_the_file_s_bitrate_against_the_target(double bitsPerSecond, string line) =>
        Assert.Equal(line + Environment.NewLine, new BitrateReport(400_000, bitsPerSecond).ToString());
}
