namespace Vtr.Cli.Service;

/// <summary>
/// The commands of the platform's service manager for one installed service (pure): what the user runs to start it,
/// what uninstall runs to stop it, and how status asks about it. systemctl for systemd, launchctl for launchd.
/// </summary>
public sealed class ServiceManager(ServiceDefinition definition, ServiceLocations locations)
{
    private string File => locations.FileFor(definition);

    private string[] Systemctl => definition.Scope == ServiceScope.System ? ["systemctl"] : ["systemctl", "--user"];

    /// <summary>The one command line that starts the service now and at every boot/login.</summary>
    /// <param name="replaced">The file existed before: the manager has the old definition loaded and must re-read it.</param>
    public string StartCommand(bool replaced)
    {
        var systemctl = string.Join(' ', Systemctl);
        return (locations.IsMacOS, replaced) switch
        {
            (true, false) => $"launchctl load -w {ShellWord(File)}",
            (true, true) => $"launchctl unload {ShellWord(File)}; launchctl load -w {ShellWord(File)}",
            (false, false) => $"{systemctl} enable --now {definition.Name}",
            (false, true) => $"{systemctl} daemon-reload && {systemctl} enable {definition.Name} && {systemctl} restart {definition.Name}",
        };
    }

    /// <summary>Stops the service and keeps it from starting again (run by uninstall before the file goes).</summary>
    public IReadOnlyList<string> StopCommand() => locations.IsMacOS
        ? ["launchctl", "unload", "-w", File]
        : [.. Systemctl, "disable", "--now", definition.Name];

    /// <summary>Makes the manager forget the removed file (systemd only; launchd forgot it at unload).</summary>
    public IReadOnlyList<string>? ForgetCommand() => locations.IsMacOS ? null : [.. Systemctl, "daemon-reload"];

    /// <summary>Asks whether it runs: `systemctl is-active` prints active/inactive/failed; `launchctl list LABEL` fails when not loaded.</summary>
    public IReadOnlyList<string> StateCommand() => locations.IsMacOS
        ? ["launchctl", "list", LaunchdPlist.Label(definition.Role)]
        : [.. Systemctl, "is-active", definition.Name];

    /// <summary>One word for status from <see cref="StateCommand"/>'s answer.</summary>
    public string DescribeState(ToolReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (!locations.IsMacOS)
        {
            // is-active exits non-zero for inactive/failed but still prints the state; anything else is an error line.
            var word = reply.Output.Trim();
            return word is "active" or "inactive" or "failed" or "activating" or "deactivating" or "reloading"
                ? word
                : "unknown (" + FirstLine(reply.Error.Length > 0 ? reply.Error : reply.Output) + ")";
        }

        if (reply.ExitCode != 0)
        {
            return "not loaded";
        }

        // launchctl list LABEL prints a plist-like dictionary; a running job has "PID" = N;
        return reply.Output.Contains("\"PID\"", StringComparison.Ordinal) ? "running" : "loaded, not running";
    }

    private static string FirstLine(string text) => text.Trim().Split('\n')[0].Trim();

    /// <summary>A path as a POSIX shell word, for a command printed for copy and paste.</summary>
    public static string ShellWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':' or '=' or '+' or ',' or '@')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
