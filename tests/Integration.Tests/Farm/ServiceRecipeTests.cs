using Vtr.Cli.Service;
using Vtr.Integration.Tests.Cluster;
using Vtr.Testing.Service;

namespace Vtr.Integration.Tests.Farm;

/// <summary>
/// README's "install a node as a service", as separate processes: the real `vtr service install node` writes a unit
/// into a private home; the command line that unit names — exactly what systemd would exec — joins the seed, reports
/// its version, and on SIGTERM (what `systemctl stop` sends) leaves gracefully with exit code 0, which
/// Restart=on-failure leaves stopped.
/// </summary>
[Trait("Category", "Native")]
public sealed class ServiceRecipeTests : IDisposable
{
    private readonly LocalFarm _farm = new();

    public void Dispose() => _farm.Dispose();

    [BackendFact(GeneratesClips = true)]
    public async Task The_command_an_installed_node_unit_runs_joins_the_seed_and_leaves_with_exit_0_on_SIGTERM()
    {
        var seedAddress = $"127.0.0.1:{LocalFarm.FreePort(1)}";
        await _farm.StartMemberAsync("seed", "--host", "127.0.0.1", "--port", seedAddress.Split(':')[1]);
        var home = Directory.CreateDirectory(Path.Combine(_farm.Folder, "home")).FullName;
        var listen = $"127.0.0.1:{LocalFarm.FreePort(10000)}";

        var install = await RunInstallAsync(home, "service", "install", "node", "--seed", seedAddress, "--listen", listen);

        var unitPath = Path.Combine(home, ".config", "systemd", "user", "vtr-node.service");
        Assert.Contains("start it with: systemctl --user enable --now vtr-node", install, StringComparison.Ordinal);
        var execStart = UnitFile.Parse(await File.ReadAllTextAsync(unitPath)).ExecStart();
        Assert.Equal("dotnet", Path.GetFileName(execStart[0]));
        Assert.Equal(ChildProcess.VtrProcess.CliPath, execStart[1]);
        Assert.Equal(["node", "--listen", listen, "--seed", seedAddress], execStart.Skip(2));

        var node = _farm.StartCommandLine(execStart);
        await node.WaitForLineAsync("joined the cluster as", LocalFarm.JoinTimeout);
        var status = await _farm.RunAsync(TimeSpan.FromSeconds(20), "status", "--seed", seedAddress);
        Assert.Contains(status.Lines, l => l.Contains(listen.Split(':')[1], StringComparison.Ordinal)
            && l.Contains(ChildProcess.VtrProcess.CliVersion.Announced, StringComparison.Ordinal));
        Assert.DoesNotContain(status.Lines, l => l.Contains("warning", StringComparison.Ordinal));

        await node.SignalAsync("TERM");

        Assert.True(await node.WaitForExitAsync(TimeSpan.FromSeconds(30)), "still running 30 s (TimeoutStopSec) after SIGTERM");
        Assert.Equal(0, node.ExitCode);
        Assert.Contains(node.Output, l => l.Contains("left the cluster", StringComparison.Ordinal));
    }

    [BackendFact]
    public async Task A_system_unit_daemon_reads_the_farm_credentials_the_documented_sudo_farm_join_puts_in_etc_vtr()
    {
        // The owner's machine has the farm; the service machine gets it as README says, as root, into /etc/vtr
        // (here: the test's folder standing in for /etc and /var/lib).
        await _farm.SecureAsync();
        var etc = Directory.CreateDirectory(Path.Combine(_farm.Folder, "etc")).FullName;
        var varLib = Directory.CreateDirectory(Path.Combine(_farm.Folder, "var-lib")).FullName;
        var join = await _farm.RunAsAsync(etc, TimeSpan.FromSeconds(30), "farm", "join", Path.Combine(_farm.ConfigHome, "vtr", "farm.p12"));
        Assert.True(join.Code == 0, join.Error);

        // What systemd gives the daemon of a system unit: its Environment= with %S and %E expanded, and a HOME that does
        // not exist (useradd --no-create-home).
        var definition = new ServiceDefinition(ServiceRole.Node, new ServiceInvocation("dotnet", [ChildProcess.VtrProcess.CliPath]),
            ["--seed", $"127.0.0.1:{LocalFarm.FreePort(1)}", "--listen", $"127.0.0.1:{LocalFarm.FreePort(10000)}"], ServiceScope.System);
        var unit = UnitFile.Parse(SystemdUnit.Render(definition));
        var environment = new Dictionary<string, string> { ["HOME"] = Path.Combine(_farm.Folder, "nonexistent") };
        foreach (var assignment in (unit["Service", "Environment"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (assignment[..assignment.IndexOf('=', StringComparison.Ordinal)], assignment[(assignment.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            environment[name] = value.Replace("%S", varLib, StringComparison.Ordinal).Replace("%E", etc, StringComparison.Ordinal);
        }

        environment["XDG_CACHE_HOME"] = Path.Combine(_farm.Folder, "cache");
        using var node = ChildProcess.VtrProcess.StartCommandLine(unit.ExecStart(), environment, _farm.Folder);

        var line = await node.WaitForLineAsync("secured farm", LocalFarm.JoinTimeout);
        Assert.Contains(Path.Combine(etc, "vtr", "farm.p12"), line, StringComparison.Ordinal);
        Assert.DoesNotContain(node.Output, l => l.Contains("this farm is open", StringComparison.Ordinal));
    }

    private async Task<string> RunInstallAsync(string home, params string[] args)
    {
        var environment = new Dictionary<string, string> { ["HOME"] = home, ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config") };
        using var install = ChildProcess.VtrProcess.Start(args, environment, _farm.Folder);
        var lines = await install.ReadAllLinesAsync(TimeSpan.FromSeconds(30));
        Assert.True(await install.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(install.ExitCode == 0, install.Error);
        return string.Join('\n', lines);
    }
}
