using Vtr.Cli.Service;

using Vtr.Testing.Service;

namespace Vtr.Client.Cli.Tests.Service;

/// <summary>Install, uninstall and status against a temp folder as home; the service manager's commands are recorded.</summary>
public sealed class ServiceInstallerTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("vtr-service-home-").FullName;
    private readonly List<string> _ran = [];

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void Linux_install_writes_a_user_unit_under_config_and_prints_the_one_command_that_starts_it()
    {
        var locations = new ServiceLocations(IsMacOS: false, _home);

        var lines = Installer(locations).Install(Node("--seed", "10.0.0.5:4053"));

        var file = Path.Combine(_home, ".config", "systemd", "user", "vtr-node.service");
        Assert.True(File.Exists(file));
        Assert.Equal(["/opt/vtr/vtr", "node", "--seed", "10.0.0.5:4053"], UnitFile.Parse(File.ReadAllText(file)).ExecStart());
        Assert.Equal("wrote " + file, lines[0]);
        Assert.Contains("  runs: /opt/vtr/vtr node --seed 10.0.0.5:4053", lines);
        Assert.Equal("start it with: systemctl --user enable --now vtr-node", lines[^1]);
        Assert.Empty(_ran); // install never starts anything itself
    }

    [Fact]
    public void XDG_CONFIG_HOME_moves_the_user_unit()
    {
        var config = Path.Combine(_home, "elsewhere");

        Installer(new ServiceLocations(false, _home, config)).Install(Node());

        Assert.True(File.Exists(Path.Combine(config, "systemd", "user", "vtr-node.service")));
    }

    [Fact]
    public void Installing_again_replaces_the_unit_and_says_to_reload_before_restarting()
    {
        var installer = Installer(new ServiceLocations(false, _home));
        installer.Install(Node("--max-sessions", "2"));

        var lines = installer.Install(Node("--max-sessions", "3"));

        Assert.StartsWith("replaced ", lines[0], StringComparison.Ordinal);
        Assert.Equal("start it with: systemctl --user daemon-reload && systemctl --user enable vtr-node && systemctl --user restart vtr-node", lines[^1]);
        var unit = File.ReadAllText(Path.Combine(_home, ".config", "systemd", "user", "vtr-node.service"));
        Assert.Contains("\"--max-sessions\" \"3\"", unit, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_home, ".config", "systemd", "user"), "*.tmp"));
    }

    [Fact]
    public void A_system_unit_goes_to_the_system_directory_and_names_the_missing_account()
    {
        var system = Path.Combine(_home, "etc-systemd-system");
        var locations = new ServiceLocations(false, _home, SystemUnitDirectory: system);
        var installer = new ServiceInstaller(locations, command => Record(command, exitCode: 2)); // getent: no such account

        var lines = installer.Install(Node() with { Scope = ServiceScope.System, Account = "vtr" });

        Assert.True(File.Exists(Path.Combine(system, "vtr-node.service")));
        Assert.Equal(["getent passwd vtr"], _ran);
        Assert.Contains(lines, l => l.Contains("useradd --system --no-create-home --shell /usr/sbin/nologin vtr", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("sudo env XDG_CONFIG_HOME=/etc vtr farm join FILE && sudo chown vtr /etc/vtr/farm.p12", StringComparison.Ordinal));
        Assert.Equal("start it with: systemctl enable --now vtr-node", lines[^1]);
    }

    [Fact]
    public void MacOS_install_writes_a_launch_agent_creates_the_log_folder_and_prints_launchctl_load()
    {
        var locations = new ServiceLocations(IsMacOS: true, _home);

        var lines = Installer(locations).Install(Node("--seed", "studio.local:4053"));

        var plist = Path.Combine(_home, "Library", "LaunchAgents", "vtr.node.plist");
        Assert.True(File.Exists(plist));
        Assert.True(Directory.Exists(Path.Combine(_home, "Library", "Logs", "vtr")));
        Assert.Equal($"start it with: launchctl load -w {plist}", lines[^1]);
    }

    [Fact]
    public void Uninstall_stops_and_disables_the_service_before_removing_its_file_then_reloads()
    {
        var installer = Installer(new ServiceLocations(false, _home));
        installer.Install(Node());

        var lines = installer.Uninstall(Node());

        Assert.Equal(["systemctl --user disable --now vtr-node", "systemctl --user daemon-reload"], _ran);
        Assert.False(File.Exists(Path.Combine(_home, ".config", "systemd", "user", "vtr-node.service")));
        Assert.Equal("stopped: systemctl --user disable --now vtr-node", lines[0]);
    }

    [Fact]
    public void Uninstall_removes_the_file_even_when_the_service_manager_cannot_be_reached()
    {
        var locations = new ServiceLocations(IsMacOS: true, _home);
        new ServiceInstaller(locations, _ => null).Install(Node());

        var lines = new ServiceInstaller(locations, command => Record(command, exitCode: 5, error: "Unload failed: 5: Input/output error")).Uninstall(Node());

        Assert.Equal([$"launchctl unload -w {locations.FileFor(Node())}"], _ran);
        Assert.False(File.Exists(locations.FileFor(Node())));
        Assert.Contains("Unload failed: 5: Input/output error", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Uninstall_of_a_service_that_is_not_installed_runs_nothing()
    {
        var lines = Installer(new ServiceLocations(false, _home)).Uninstall(Node());

        Assert.Empty(_ran);
        Assert.StartsWith("vtr-node is not installed", Assert.Single(lines), StringComparison.Ordinal);
    }

    [Fact]
    public void Status_reports_each_role_and_what_the_service_manager_says_about_an_installed_one()
    {
        var locations = new ServiceLocations(false, _home);
        Installer(locations).Install(Node());
        var installer = new ServiceInstaller(locations, command => Record(command, exitCode: 3, output: "failed\n"));

        var lines = installer.Status(ServiceScope.User, new ServiceInvocation("/opt/vtr/vtr", []));

        Assert.Equal(["systemctl --user is-active vtr-node"], _ran);
        Assert.Equal($"vtr-node: failed ({locations.FileFor(Node())})", lines[0]);
        Assert.Equal("vtr-seed: not installed", lines[1]);
    }

    [Theory]
    [InlineData(0, "{\n\t\"PID\" = 4242;\n\t\"Label\" = \"vtr.node\";\n};", "running")]
    [InlineData(0, "{\n\t\"LastExitStatus\" = 256;\n\t\"Label\" = \"vtr.node\";\n};", "loaded, not running")]
    [InlineData(113, "", "not loaded")]
    public void MacOS_status_reads_launchctl_list(int exitCode, string output, string state)
    {
        var manager = new ServiceManager(Node(), new ServiceLocations(true, _home));

        Assert.Equal(["launchctl", "list", "vtr.node"], manager.StateCommand());
        Assert.Equal(state, manager.DescribeState(new ToolReply(exitCode, output, "")));
    }

    private ServiceInstaller Installer(ServiceLocations locations) => new(locations, command => Record(command, exitCode: 0));

    private ToolReply Record(IReadOnlyList<string> command, int exitCode, string output = "", string error = "")
    {
        _ran.Add(string.Join(' ', command));
        return new ToolReply(exitCode, output, error);
    }

    private static ServiceDefinition Node(params string[] options) =>
        new(ServiceRole.Node, new ServiceInvocation("/opt/vtr/vtr", []), options);
}
