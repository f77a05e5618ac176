using System.CommandLine;
using System.CommandLine.Parsing;
using Vtr.Cli.Commands;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Media;

namespace Vtr.Client.Cli.Tests.Commands;

public sealed class TranscodeCommandTests
{
    [Theory]
    [InlineData("transcode in.mp4 -o out.mp4 --codec vp9", "unsupported --codec 'vp9'")]
    [InlineData("transcode in.mp4", "missing -o OUTPUT")]
    [InlineData("transcode in.mp4 -o out.mp4 --bitrate 4M --quality 20", "only one of --bitrate, --quality and --crf")]
    [InlineData("transcode in.mp4 -o out.mp4 --quality 20 --crf 23", "only one of --bitrate, --quality and --crf")]
    [InlineData("transcode in.mp4 -o out.mp4 --bitrate 4M --crf 23", "only one of --bitrate, --quality and --crf")]
    [InlineData("transcode in.mp4 -o out.mp4 --quality 101", "--quality must be between 0 and 100")]
    [InlineData("transcode in.mp4 -o out.mp4 --crf 52", "--crf must be between 0 and 51")]
    [InlineData("transcode in.mp4 -o out.mp4 --crf -1", "--crf must be between 0 and 51")]
    [InlineData("transcode in.mp4 -o out.mp4 --bitrate fast", "--bitrate 'fast'")]
    [InlineData("transcode in.mp4 -o out.mp4 --segment-seconds 0", "--segment-seconds must be positive")]
    [InlineData("transcode in.mp4 -o out.mp4 --transport udp", "unknown --transport 'udp'")]
    [InlineData("transcode in.mp4 -o out.mp4 --compression gzip", "unknown --compression 'gzip'")]
    [InlineData("transcode in.mp4 -o out.mp4 --nodes 0", "--nodes must be between 1 and 64")]
    [InlineData("transcode a.mp4 b.mp4 -o out.mp4", "several inputs need -o FOLDER/")]
    public async Task Bad_arguments_exit_with_BadArguments_and_one_line(string commandLine, string expected)
    {
        var (code, error) = await InvokeAsync(commandLine);

        Assert.Equal((int)ExitCode.BadArguments, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Missing_input_exits_with_InputUnusable_before_starting_a_cluster()
    {
        var output = Path.Combine(Path.GetTempPath(), $"vtr-missing-{Guid.NewGuid():N}.mp4");

        var (code, error) = await InvokeAsync($"transcode /nonexistent/clip.mp4 -o {output}");

        Assert.Equal((int)ExitCode.InputUnusable, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Unsupported_output_extension_exits_with_InputUnusable()
    {
        var (code, error) = await InvokeAsync("transcode /nonexistent/clip.mp4 -o out.avi");

        Assert.Equal((int)ExitCode.InputUnusable, code);
        Assert.Contains("unsupported output extension '.avi'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_map_to_the_request()
    {
        Assert.True(TranscodeArguments.TryParse(
            null, null, ["seed:4053"], "hevc", "2500k", null, null, 1.5, "t", "raw", "zstd", 3, out var request, out _));

        Assert.Equal(TranscodeCommand.DefaultSampleOutput, request!.OutputPath);
        Assert.Equal(new SegmentEncodeSettings(VideoCodec.Hevc, 2_500_000, null, "t", WireCompression.Zstd, TransportChoice.Raw), request.Encode);
        Assert.Equal("seed:4053", Assert.Single(request.Seeds));
        Assert.Equal(1.5, request.SegmentSeconds);
    }

    [Fact]
    public void Crf_reaches_the_encode_settings()
    {
        Assert.True(TranscodeArguments.TryParse(
            "in.mp4", "out.mp4", [], "h264", null, null, 18.5, 2, "", "auto", "lz4", 1, out var request, out _));

        Assert.Equal(18.5, request!.Encode.Crf);
        Assert.Null(request.Encode.Quality);
    }

    [Fact]
    public async Task Help_states_the_quality_scale_and_its_crf_mapping()
    {
        var output = new StringWriter();
        var root = VtrRootCommand.Create();

        await root.Parse("transcode --help").InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() });

        // The help formatter wraps descriptions; compare word runs, not lines.
        var help = string.Join(' ', output.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("higher is better", help, StringComparison.Ordinal);
        Assert.Contains("crf 33/24.5/17 for 30/55/80", help, StringComparison.Ordinal);
        Assert.Contains("--crf", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_names_the_quality_check_options_and_a_bad_spread_is_refused()
    {
        var output = new StringWriter();
        await VtrRootCommand.Create().Parse("transcode --help").InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() });
        var help = output.ToString();
        Assert.Contains("--quality-spread", help, StringComparison.Ordinal);
        Assert.Contains("--no-quality-check", help, StringComparison.Ordinal);
        Assert.Contains("--same-encoder", help, StringComparison.Ordinal);

        var (code, error) = await InvokeAsync("transcode in.mp4 -o out.mp4 --quality 50 --quality-spread -1");

        Assert.Equal((int)ExitCode.BadArguments, code);
        Assert.Contains("--quality-spread must be between 0 and 20 dB", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4M", 4_000_000L)]
    [InlineData("2500k", 2_500_000L)]
    [InlineData("800000", 800_000L)]
    [InlineData("1.5M", 1_500_000L)]
    public void Bitrates_accept_suffixes(string text, long expected) =>
        Assert.Equal(expected, TranscodeArguments.ParseBitrate(text));

    private static async Task<(int Code, string Error)> InvokeAsync(string commandLine)
    {
        var error = new StringWriter();
        var configuration = new InvocationConfiguration { Error = error, Output = new StringWriter() };
        var code = await VtrCommandLine.InvokeAsync(VtrRootCommand.Create(), CommandLineParser.SplitCommandLine(commandLine).ToArray(), configuration, CancellationToken.None);
        return (code, error.ToString());
    }
}
