using Vtr.Cli.Processes;

namespace Vtr.Cli.Service;

/// <summary>What a system tool (systemctl, launchctl, getent) answered.</summary>
public sealed record ToolReply(int ExitCode, string Output, string Error);

/// <summary>Runs a system tool; null when it is not installed. Tests pass their own to see what would run.</summary>
public delegate ToolReply? ToolRunner(IReadOnlyList<string> command);

public static class SystemTools
{
    /// <summary>systemctl and launchctl answer at once; one that hangs (a dead bus) must not hang `vtr service`.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static ToolReply? Run(IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var run = ProcessRunner.Run(command[0], command.Skip(1), Timeout);
        return run.Status switch
        {
            ProcessRunStatus.NotInstalled => null, // no systemd in a container, no launchctl on Linux
            ProcessRunStatus.TimedOut => new ToolReply(-1, "", $"{command[0]} did not answer within {Timeout.TotalSeconds:0} s"),
            _ => new ToolReply(run.ExitCode, run.StandardOutput, run.StandardError),
        };
    }
}
