using System.CommandLine;
using Spectre.Console;
using Spectre.Console.Rendering;
using Vtr.Cli.Commands;
using Vtr.Cli.Embedded;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Node.Codecs;

namespace Vtr.Cli.Benchmarks;

/// <summary>
/// The frame around every `vtr bench` that ends in a table: progress lines in grey, the table, and the exit code; bad
/// arguments and the failures a benchmark expects (codec, media, transcode, cluster, timeout) are one line on stderr.
/// </summary>
internal static class BenchRun
{
    /// <summary>Reports a bad argument and returns <see cref="ExitCode.BadArguments"/>.</summary>
    public static async Task<int> RefuseAsync(ParseResult parse, string command, string problem)
    {
        ArgumentNullException.ThrowIfNull(parse);
        await parse.InvocationConfiguration.Error.WriteLineAsync($"vtr bench {command}: {problem} (see 'vtr bench {command} --help')")
            .ConfigureAwait(false);
        return (int)ExitCode.BadArguments;
    }

    /// <summary>
    /// Runs <paramref name="benchmark"/> (given a progress-line sink) and writes the table it returns, <paramref name="tableWidth"/>
    /// columns wide when output goes to a file or pipe (Spectre assumes 80 there). <paramref name="alsoExpected"/> names
    /// the failures of this benchmark alone that are a failed run rather than a bug.
    /// </summary>
    public static async Task<int> RunAsync(
        ParseResult parse, string command, int tableWidth, Func<Action<string>, Task<IRenderable>> benchmark,
        Func<Exception, bool>? alsoExpected = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(benchmark);
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = Math.Max(console.Profile.Width, tableWidth);
        }

        try
        {
            var table = await benchmark(line => console.MarkupLineInterpolated($"[grey]{line}[/]")).ConfigureAwait(false);
            console.Write(table);
            return (int)ExitCode.Success;
        }
        catch (Exception ex) when (ex is CodecException or MediaException or TranscodeFailedException or ClusterUnreachableException
            or TimeoutException || alsoExpected?.Invoke(ex) == true)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"vtr bench {command}: {ex.Message}").ConfigureAwait(false);
            return (int)ExitCode.Failure;
        }
    }
}
