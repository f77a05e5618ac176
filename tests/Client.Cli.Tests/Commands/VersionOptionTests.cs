using System.CommandLine;
using Vtr.Cli.Commands;
using Vtr.Shared.Versioning;

namespace Vtr.Client.Cli.Tests.Commands;

public sealed class VersionOptionTests
{
    [Fact]
    public async Task Version_prints_the_release_number_and_the_commit_on_one_line()
    {
        var output = new StringWriter();
        var configuration = new InvocationConfiguration { Output = output, Error = new StringWriter() };

        var exit = await VtrCommandLine.InvokeAsync(VtrRootCommand.Create(), ["--version"], configuration, CancellationToken.None);

        Assert.Equal((int)ExitCode.Success, exit);
        var current = VtrVersion.Current;
        Assert.Equal($"vtr {current.Number} (commit {current.Commit})", output.ToString().TrimEnd());
    }
}
