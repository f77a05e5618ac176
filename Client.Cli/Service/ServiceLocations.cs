namespace Vtr.Cli.Service;

/// <summary>
/// Where service files and logs go on this machine. Every path derives from these fields, so a test gives its own temp
/// folder as home (and system unit directory) and never touches the real ones.
/// </summary>
public sealed record ServiceLocations(bool IsMacOS, string Home, string? XdgConfigHome = null, string SystemUnitDirectory = "/etc/systemd/system")
{
    public static ServiceLocations ForThisMachine() => new(
        OperatingSystem.IsMacOS(),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : null);

    /// <summary>~/Library/LaunchAgents: launchd loads the agents there when the user logs in.</summary>
    public string LaunchAgents => Path.Combine(Home, "Library", "LaunchAgents");

    /// <summary>~/Library/Logs/vtr: where a launch agent's console goes (Console.app shows ~/Library/Logs).</summary>
    public string LogDirectory => Path.Combine(Home, "Library", "Logs", "vtr");

    /// <summary>$XDG_CONFIG_HOME/systemd/user (~/.config/systemd/user): the user manager's own units.</summary>
    public string UserUnitDirectory => Path.Combine(XdgConfigHome ?? Path.Combine(Home, ".config"), "systemd", "user");

    /// <summary>The file that defines <paramref name="definition"/>'s service.</summary>
    public string FileFor(ServiceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (IsMacOS)
        {
            return Path.Combine(LaunchAgents, LaunchdPlist.Label(definition.Role) + ".plist");
        }

        var directory = definition.Scope == ServiceScope.System ? SystemUnitDirectory : UserUnitDirectory;
        return Path.Combine(directory, definition.Name + ".service");
    }

    /// <summary>The launch agent's stdout and stderr files.</summary>
    public (string Output, string Error) LogFiles(ServiceRole role) =>
        (Path.Combine(LogDirectory, role.Command() + ".log"), Path.Combine(LogDirectory, role.Command() + ".err.log"));
}
