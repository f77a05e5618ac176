namespace Vtr.Cli.Service;

/// <summary>
/// Writes, removes and reports vtr's service files. It never starts a service (install prints the one command that
/// does, so nothing runs before the user has seen what was written); uninstall stops the service before removing its
/// file, because a manager cannot disable a unit whose file is already gone.
/// </summary>
public sealed class ServiceInstaller(ServiceLocations locations, ToolRunner tools)
{
    /// <summary>Writes the service file (replacing an earlier one) and returns what to tell the user.</summary>
    public IReadOnlyList<string> Install(ServiceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var file = locations.FileFor(definition);
        var content = locations.IsMacOS ? LaunchdPlist.Render(definition, locations) : SystemdUnit.Render(definition);
        var replaced = File.Exists(file);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!); // FileFor always returns a path inside a folder
        if (locations.IsMacOS)
        {
            // launchd opens the log files but does not create their folder; a missing one would lose the first lines.
            Directory.CreateDirectory(locations.LogDirectory);
        }

        // Written beside and renamed over, so a manager reading the file at that moment never sees half of it.
        var temp = file + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, file, overwrite: true);

        var manager = new ServiceManager(definition, locations);
        var lines = new List<string>
        {
            $"{(replaced ? "replaced" : "wrote")} {file}",
            "  runs: " + string.Join(' ', definition.CommandLine.Select(ServiceManager.ShellWord)),
        };
        if (locations.IsMacOS)
        {
            var (output, error) = locations.LogFiles(definition.Role);
            lines.Add($"  logs: {output}, {error}");
        }

        lines.AddRange(Notes(definition));
        lines.Add("start it with: " + manager.StartCommand(replaced));
        return lines;
    }

    /// <summary>Stops and removes the service of <paramref name="definition"/>'s role and scope, if installed.</summary>
    public IReadOnlyList<string> Uninstall(ServiceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var file = locations.FileFor(definition);
        if (!File.Exists(file))
        {
            return [$"{definition.Name} is not installed (no {file})"];
        }

        var manager = new ServiceManager(definition, locations);
        var lines = new List<string>();
        var stop = manager.StopCommand();
        var stopped = tools(stop);
        if (stopped is null || stopped.ExitCode != 0)
        {
            // Not fatal: a service that was never started cannot be stopped, and the file must go either way.
            var why = stopped is null ? $"{stop[0]} is not available" : FirstLine(stopped.Error, stopped.Output);
            lines.Add($"could not stop it ({string.Join(' ', stop)}: {why}); removing the file anyway");
        }
        else
        {
            lines.Add("stopped: " + string.Join(' ', stop));
        }

        File.Delete(file);
        lines.Add("removed " + file);
        if (manager.ForgetCommand() is { } forget)
        {
            tools(forget);
        }

        return lines;
    }

    /// <summary>One line per role: installed or not, where, and what the service manager says about it.</summary>
    public IReadOnlyList<string> Status(ServiceScope scope, ServiceInvocation invocation)
    {
        var lines = new List<string>();
        foreach (var role in Enum.GetValues<ServiceRole>())
        {
            var definition = new ServiceDefinition(role, invocation, [], scope);
            var file = locations.FileFor(definition);
            if (!File.Exists(file))
            {
                lines.Add($"{definition.Name}: not installed");
                continue;
            }

            var manager = new ServiceManager(definition, locations);
            var reply = tools(manager.StateCommand());
            var state = reply is null ? $"state unknown ({manager.StateCommand()[0]} is not available)" : manager.DescribeState(reply);
            lines.Add($"{definition.Name}: {state} ({file})");
        }

        return lines;
    }

    private IEnumerable<string> Notes(ServiceDefinition definition)
    {
        if (locations.IsMacOS)
        {
            yield break;
        }

        if (definition.Scope == ServiceScope.User)
        {
            // A user manager stops with the user's last session; a render node should not.
            yield return $"  to keep it running when you are logged out (and start it at boot): loginctl enable-linger {Environment.UserName}";
            yield break;
        }

        var account = definition.Account ?? ServiceDefinition.DefaultAccount;
        if (tools(["getent", "passwd", account]) is { ExitCode: not 0 })
        {
            yield return $"  the account {account} does not exist yet; create it first: useradd --system --no-create-home --shell /usr/sbin/nologin {account}";
        }

        // The account has no home: the unit points XDG_CONFIG_HOME at /etc, and a secured farm's file must be the account's.
        yield return $"  in a secured farm, put its credentials where {account} reads them: "
            + $"sudo env XDG_CONFIG_HOME=/etc vtr farm join FILE && sudo chown {account} /etc/vtr/farm.p12";

        var program = definition.Invocation.Program;
        if (program.StartsWith("/home/", StringComparison.Ordinal) || program.StartsWith("/root/", StringComparison.Ordinal))
        {
            yield return $"  {account} must be able to run {program}; a release installed in /usr/local/bin always is";
        }
    }

    private static string FirstLine(string preferred, string fallback)
    {
        var text = (preferred.Trim().Length > 0 ? preferred : fallback).Trim();
        return text.Length == 0 ? "no reason given" : text.Split('\n')[0].Trim();
    }
}
