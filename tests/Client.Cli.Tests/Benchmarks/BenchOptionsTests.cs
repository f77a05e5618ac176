using System.CommandLine;
using System.CommandLine.Parsing;
using Vtr.Cli.Commands;

namespace Vtr.Client.Cli.Tests.Benchmarks;

/// <summary>`vtr bench remote|cluster|quality` share one declaration of --width/--height/--preset/--rounds and one check.</summary>
public sealed class BenchOptionsTests
{
    [Theory]
    [InlineData("remote")]
    [InlineData("cluster")]
    [InlineData("quality")]
    public async Task An_unknown_preset_is_refused_with_the_same_line_by_every_clip_benchmark(string bench)
    {
        var (code, error) = await InvokeAsync($"bench {bench} --preset warp");

        Assert.Equal((int)ExitCode.BadArguments, code);
        Assert.Contains($"vtr bench {bench}: unknown x264 preset 'warp'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("remote")]
    [InlineData("cluster")]
    [InlineData("quality")]
    public async Task A_side_below_16_pixels_is_refused_by_every_clip_benchmark(string bench)
    {
        var (code, error) = await InvokeAsync($"bench {bench} --height 8");

        Assert.Equal((int)ExitCode.BadArguments, code);
        Assert.Contains("need --width and --height of at least 16", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quality_needs_even_sides_because_ffmpeg_encodes_the_same_4_2_0_clip()
    {
        var (code, error) = await InvokeAsync("bench quality --width 641");

        Assert.Equal((int)ExitCode.BadArguments, code);
        Assert.Contains("need an even --width and --height", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quality_refuses_an_unknown_mode()
    {
        var (code, error) = await InvokeAsync("bench quality --mode vbr");

        Assert.Equal((int)ExitCode.BadArguments, code);
        Assert.Contains("vbr", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quality_refuses_nodes_without_sessions()
    {
        var (code, error) = await InvokeAsync("bench quality --sessions 0");

        Assert.Equal((int)ExitCode.BadArguments, code);
        Assert.Contains("--sessions must be positive", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("remote", 1920, 1080, 1)]
    [InlineData("cluster", 1280, 720, 1)]
    [InlineData("quality", 1280, 720, null)]
    public void Each_benchmark_keeps_its_own_defaults(string bench, int width, int height, int? rounds)
    {
        var parse = VtrRootCommand.Create().Parse($"bench {bench}");

        Assert.Empty(parse.Errors);
        Assert.Equal(width, parse.GetValue<int>("--width"));
        Assert.Equal(height, parse.GetValue<int>("--height"));
        Assert.Equal("veryfast", parse.GetValue<string>("--preset"));
        Assert.Equal(rounds, parse.CommandResult.Command.Options.Any(o => o.Name == "--rounds") ? parse.GetValue<int>("--rounds") : null);
    }

    private static async Task<(int Code, string Error)> InvokeAsync(string commandLine)
    {
        var error = new StringWriter();
        var configuration = new InvocationConfiguration { Error = error, Output = new StringWriter() };
        var code = await VtrCommandLine.InvokeAsync(VtrRootCommand.Create(), [.. CommandLineParser.SplitCommandLine(commandLine)], configuration, CancellationToken.None);
        return (code, error.ToString());
    }
}
