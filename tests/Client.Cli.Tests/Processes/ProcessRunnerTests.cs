using Vtr.Cli.Processes;
using Vtr.Cli.Service;

namespace Vtr.Client.Cli.Tests.Processes;

/// <summary>The product's one runner for short-lived tools, run against real processes (sh, sleep).</summary>
public sealed class ProcessRunnerTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly string _pidFile = Path.Combine(Path.GetTempPath(), $"vtr-runner-{Guid.NewGuid():N}.pid");

    [Fact]
    public async Task Both_pipes_are_drained_while_the_tool_runs_so_large_output_on_each_cannot_block_it()
    {
        // 1.2 MB on each pipe, far beyond a 64 KiB pipe buffer: a runner that reads one pipe only after the exit hangs.
        var run = await ProcessRunner.RunAsync(
            "sh", ["-c", "yes out | head -n 200000; yes err | head -n 200000 >&2; exit 3"], Bound, CancellationToken.None);

        Assert.Equal((ProcessRunStatus.Exited, 3), (run.Status, run.ExitCode));
        Assert.False(run.Succeeded);
        Assert.Equal(200_000, run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line == "out"));
        Assert.Equal(200_000, run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line == "err"));
    }

    [Fact]
    public async Task Standard_input_is_closed_so_a_tool_that_reads_it_ends()
    {
        var run = await ProcessRunner.RunAsync("sh", ["-c", "cat; echo done"], Bound, CancellationToken.None);

        Assert.True(run.Succeeded);
        Assert.Equal("done", run.StandardOutput.Trim());
    }

    [Fact]
    public async Task A_tool_that_is_not_installed_is_a_result_not_an_exception()
    {
        var run = await ProcessRunner.RunAsync("vtr-no-such-tool-" + Guid.NewGuid().ToString("N"), [], Bound, CancellationToken.None);

        Assert.Equal(ProcessRunStatus.NotInstalled, run.Status);
        Assert.False(run.Succeeded);
    }

    [Fact]
    public async Task A_tool_that_overstays_is_timed_out_and_its_whole_process_tree_killed()
    {
        // The shell starts a grandchild (sleep) and waits for it: killing only the shell would leave the sleep running.
        var run = await ProcessRunner.RunAsync(
            "sh", ["-c", $"sleep 120 & echo $! > '{_pidFile}'; wait"], TimeSpan.FromSeconds(2), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(ProcessRunStatus.TimedOut, run.Status);
        var grandchild = int.Parse(await File.ReadAllTextAsync(_pidFile), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await IsGoneWithinAsync(grandchild, Bound), $"the grandchild sleep (pid {grandchild}) outlived the timeout");
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_a_cancellation_not_a_timeout()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ProcessRunner.RunAsync("sleep", ["120"], Bound, cancelled.Token).WaitAsync(Bound));
    }

    [Fact]
    public void System_tools_answer_null_for_a_tool_that_is_not_installed_and_the_reply_of_one_that_is()
    {
        Assert.Null(SystemTools.Run(["vtr-no-such-tool-" + Guid.NewGuid().ToString("N")]));

        var reply = SystemTools.Run(["sh", "-c", "echo out; echo err >&2; exit 4"]);

        Assert.Equal((4, "out", "err"), (reply!.ExitCode, reply.Output.Trim(), reply.Error.Trim()));
    }

    public void Dispose() => File.Delete(_pidFile);

    /// <summary>
    /// True once <c>ps</c> no longer lists the process as alive (absent, or a zombie: a container's pid 1 may never reap
    /// the orphan); the SIGKILL was sent before the runner returned, so this settles within milliseconds.
    /// </summary>
    private static async Task<bool> IsGoneWithinAsync(int pid, TimeSpan bound)
    {
        using var deadline = new CancellationTokenSource(bound);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var pidText = pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            do
            {
                var ps = await ProcessRunner.RunAsync("ps", ["-o", "stat=", "-p", pidText], bound, CancellationToken.None);
                if (ps.ExitCode != 0 || ps.StandardOutput.TrimStart().StartsWith('Z'))
                {
                    return true;
                }
            }
            while (await tick.WaitForNextTickAsync(deadline.Token));
        }
        catch (OperationCanceledException)
        {
            // the bound passed with the process still alive
        }

        return false;
    }
}
