using System.CommandLine;

namespace Vtr.Cli.Commands;

/// <summary>
/// Parses and runs a `vtr` command line. A command line that does not parse is a usage error: one line on stderr with
/// a pointer to --help, exit code <see cref="ExitCode.BadArguments"/>; never the whole help page, and never an
/// unknown option taken as a file name (<see cref="UsageErrors"/>). A Ctrl-C that escapes the command is exit code
/// <see cref="ExitCode.Interrupted"/>, not System.CommandLine's silent 1.
/// </summary>
public static class VtrCommandLine
{
    public static async Task<int> InvokeAsync(
        RootCommand root, IReadOnlyList<string> args, InvocationConfiguration? configuration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parse = root.Parse(args);
        if (UsageErrors.Describe(parse) is { } usage)
        {
            await (configuration?.Error ?? Console.Error).WriteLineAsync(usage).ConfigureAwait(false);
            return (int)ExitCode.BadArguments;
        }

        try
        {
            return await parse.InvokeAsync(configuration, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C reached a command outside its own handling (startup, shutdown of a host).
            await (configuration?.Error ?? Console.Error).WriteLineAsync($"{UsageErrors.CommandPath(parse.CommandResult)}: interrupted").ConfigureAwait(false);
            return (int)ExitCode.Interrupted;
        }
    }
}
