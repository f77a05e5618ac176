using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Vtr.Cli.Commands;

namespace Vtr.Client.Cli.Tests.Commands;

public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("transcode --foo -o out.mp4", "vtr transcode: unknown option '--foo' (see 'vtr transcode --help')")]
    [InlineData("transcode in.mp4 --foo -o out.mp4", "vtr transcode: unknown option '--foo' (see 'vtr transcode --help')")]
    [InlineData("transcode in.mp4 -o", "vtr transcode: required argument missing for option: '-o' (see 'vtr transcode --help')")]
    [InlineData("transcode in.mp4 -o out.mp4 --nodes", "vtr transcode: required argument missing for option: '--nodes' (see 'vtr transcode --help')")]
    [InlineData("transcode in.mp4 -o out.mp4 --nodes many", "vtr transcode: cannot parse argument 'many' for option '--nodes' as expected type 'System.Int32' (see 'vtr transcode --help')")]
    [InlineData("", "vtr: required command was not provided (see 'vtr --help')")]
    [InlineData("transcod", "vtr: unknown command or argument 'transcod' (see 'vtr --help')")]
    public async Task A_command_line_that_does_not_parse_is_one_usage_line_and_exit_code_2(string commandLine, string expected)
    {
        var error = new StringWriter();
        var output = new StringWriter();
        var configuration = new InvocationConfiguration { Error = error, Output = output };

        var code = await VtrCommandLine.InvokeAsync(VtrRootCommand.Create(), [.. CommandLineParser.SplitCommandLine(commandLine)], configuration, CancellationToken.None);

        Assert.Equal((int)ExitCode.BadArguments, code);
        Assert.Equal(expected, error.ToString().Trim());
        Assert.Empty(output.ToString()); // never the help page
    }

    [Fact]
    public void Every_option_of_every_command_shows_its_default_in_help()
    {
        var missing = new List<string>();
        foreach (var command in Commands(VtrRootCommand.Create()))
        {
            var help = new StringWriter();
            command.Parse("--help").Invoke(new InvocationConfiguration { Output = help });
            foreach (var option in command.Options.Where(o => o is not HelpOption and not VersionOption))
            {
                var line = help.ToString().Split('\n').FirstOrDefault(l => l.Contains(option.Name, StringComparison.Ordinal));
                if (line is null || !line.Contains("default", StringComparison.OrdinalIgnoreCase))
                {
                    missing.Add($"{command.Name} {option.Name}");
                }
            }
        }

        Assert.Empty(missing);
    }

    private static IEnumerable<Command> Commands(Command command) =>
        command.Subcommands.SelectMany(Commands).Prepend(command);
}
