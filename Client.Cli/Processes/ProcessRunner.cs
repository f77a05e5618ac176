using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace Vtr.Cli.Processes;

/// <summary>How one run of a short-lived tool ended.</summary>
public enum ProcessRunStatus
{
    /// <summary>The tool ran and exited; <see cref="ProcessRunResult.ExitCode"/> says how.</summary>
    Exited,

    /// <summary>The tool could not be started: not on PATH, not a file, or not executable.</summary>
    NotInstalled,

    /// <summary>The tool overstayed its timeout and was killed with its process tree.</summary>
    TimedOut,
}

/// <summary>The outcome of one <see cref="ProcessRunner"/> run; the texts are empty unless the tool exited.</summary>
public sealed record ProcessRunResult(ProcessRunStatus Status, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => Status == ProcessRunStatus.Exited && ExitCode == 0;
}

/// <summary>
/// The product's one runner for short-lived tools (ffmpeg, ffprobe, systemctl, launchctl, sysctl): an argument list
/// (never a shell line), standard input closed, both output pipes drained while the tool runs (an unread pipe that fills
/// blocks the tool forever), a timeout that kills the whole process tree, and "not installed" as a result rather than a
/// <see cref="Win32Exception"/>. CliWrap does the pipes and the tree kill (docs/architecture.md). The long-running
/// `vtr seed`/`vtr node` children of `vtr bench cluster --processes` are <c>BenchProcess</c>: they stream lines and get
/// signals, which a run-to-the-end runner does not do.
/// </summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="executable"/> to its end; a non-zero exit is the caller's to judge.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (the tool is killed first).</exception>
    public static async Task<ProcessRunResult> RunAsync(
        string executable, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var command = CliWrap.Cli.Wrap(executable).WithArguments(arguments).WithValidation(CommandResultValidation.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            var result = await command.ExecuteBufferedAsync(deadline.Token).ConfigureAwait(false);
            return new ProcessRunResult(ProcessRunStatus.Exited, result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (Win32Exception)
        {
            return new ProcessRunResult(ProcessRunStatus.NotInstalled, -1, "", "");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProcessRunResult(ProcessRunStatus.TimedOut, -1, "", "");
        }
    }

    /// <summary>
    /// The blocking form for synchronous callers (`vtr service`, `vtr doctor`'s machine facts): a console command with
    /// no synchronisation context, so waiting on the task cannot deadlock.
    /// </summary>
    public static ProcessRunResult Run(string executable, IEnumerable<string> arguments, TimeSpan timeout) =>
        RunAsync(executable, arguments, timeout, CancellationToken.None).GetAwaiter().GetResult();
}
