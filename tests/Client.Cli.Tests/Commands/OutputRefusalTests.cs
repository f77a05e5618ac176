using System.CommandLine.Parsing;
using System.Diagnostics;
using Vtr.Cli.Commands;

namespace Vtr.Client.Cli.Tests.Commands;

/// <summary>`vtr transcode` refuses an output it could harm before any work: one line, exit code 6, under 2 s, and
/// the folder holds exactly what it held before.</summary>
public sealed class OutputRefusalTests : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
    private readonly string _folder = Directory.CreateTempSubdirectory("vtr-refusal-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("in.mp4", "", "is the input file")]
    [InlineData("in.mp4", "-y", "is the input file")]
    [InlineData("exists.mp4", "", "already exists (add -y")]
    [InlineData("exists.mp4", "-n", "already exists (add -y")]
    [InlineData("missing/out.mp4", "-y", "does not exist (create it")]
    public async Task A_harmful_output_is_refused_before_any_work(string output, string flags, string expected)
    {
        // Not a video at all: the refusal must come before the input is even probed.
        var input = Path.Combine(_folder, "in.mp4");
        await File.WriteAllTextAsync(input, "source");
        await File.WriteAllTextAsync(Path.Combine(_folder, "exists.mp4"), "precious");
        var clock = Stopwatch.StartNew();

        var (code, error) = await InvokeAsync($"transcode {input} -o {Path.Combine(_folder, output)} {flags}");

        Assert.True(clock.Elapsed < Budget, $"took {clock.Elapsed}");
        Assert.Equal((int)ExitCode.OutputRefused, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(["exists.mp4", "in.mp4"], Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).Order());
        Assert.Equal("source", await File.ReadAllTextAsync(input));
        Assert.Equal("precious", await File.ReadAllTextAsync(Path.Combine(_folder, "exists.mp4")));
    }

    [Fact]
    public async Task Overwrite_and_never_overwrite_together_are_a_usage_error()
    {
        var (code, error) = await InvokeAsync($"transcode {Path.Combine(_folder, "in.mp4")} -o {Path.Combine(_folder, "out.mp4")} -y -n");

        Assert.Equal((int)ExitCode.BadArguments, code);
        Assert.Contains("either -y or -n", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Error)> InvokeAsync(string commandLine)
    {
        var error = new StringWriter();
        var configuration = new System.CommandLine.InvocationConfiguration { Error = error, Output = new StringWriter() };
        var code = await VtrCommandLine.InvokeAsync(VtrRootCommand.Create(), [.. CommandLineParser.SplitCommandLine(commandLine)], configuration, CancellationToken.None);
        return (code, error.ToString());
    }
}
