using System.ComponentModel;
using System.Diagnostics;

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
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start");
        }
        catch (Win32Exception)
        {
            return null; // not installed (no systemd in a container, no launchctl on Linux)
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return new ToolReply(-1, "", $"{command[0]} did not answer within {Timeout.TotalSeconds:0} s");
            }

            return new ToolReply(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
    }
}
