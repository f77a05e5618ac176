using System.CommandLine;
using Vtr.Cli.Commands;
using Vtr.Cli.Service;

using Vtr.Testing.Service;

namespace Vtr.Client.Cli.Tests.Service;

/// <summary>`vtr service …` parsed and run as a user types it, with a temp folder as home.</summary>
public sealed class ServiceCommandTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("vtr-service-cmd-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private string UserUnit(string role) => Path.Combine(_home, ".config", "systemd", "user", $"vtr-{role}.service");

    [Fact]
    public async Task Install_node_writes_the_options_the_user_typed_and_leaves_defaults_to_the_daemon()
    {
        var exit = await RunAsync(false, "service", "install", "node", "--seed", "10.0.0.5:4053", "--max-sessions", "2", "--sw-preset", "fast");

        Assert.Equal((int)ExitCode.Success, exit);
        Assert.Equal(
            ["/opt/vtr/vtr", "node", "--max-sessions", "2", "--sw-preset", "fast", "--seed", "10.0.0.5:4053"],
            UnitFile.Parse(await File.ReadAllTextAsync(UserUnit("node"))).ExecStart());
        Assert.Contains("start it with: systemctl --user enable --now vtr-node", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_seed_carries_its_port_and_host()
    {
        var exit = await RunAsync(false, "service", "install", "seed", "--host", "192.168.1.20", "--port", "4060");

        Assert.Equal((int)ExitCode.Success, exit);
        Assert.Equal(
            ["/opt/vtr/vtr", "seed", "--host", "192.168.1.20", "--port", "4060"],
            UnitFile.Parse(await File.ReadAllTextAsync(UserUnit("seed"))).ExecStart());
    }

    [Theory]
    [InlineData("--once")]
    [InlineData("--self-test")]
    [InlineData("--bogus")]
    public async Task Options_a_service_cannot_use_are_refused_and_nothing_is_written(string option)
    {
        var exit = await RunAsync(false, "service", "install", "node", option);

        Assert.Equal((int)ExitCode.BadArguments, exit);
        Assert.Contains($"unknown option '{option}'", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(UserUnit("node")));
    }

    [Theory]
    [InlineData("node", "--listen", "nowhere", "is not an IPv4 HOST:PORT")]
    [InlineData("node", "--seed", "a:b:c", "--seed 'a:b:c' is not HOST:PORT")]
    [InlineData("node", "--log-level", "chatty", "--log-level 'chatty' is not error|info|debug")]
    [InlineData("seed", "--host", "studio.local", "--host 'studio.local' is not an IPv4 address")]
    [InlineData("node", "--max-sessions", "many", "many")]
    public async Task A_value_the_daemon_would_refuse_at_every_restart_is_refused_now(string role, string option, string value, string message)
    {
        var exit = await RunAsync(false, "service", "install", role, option, value);

        Assert.Equal((int)ExitCode.BadArguments, exit);
        Assert.Contains(message, _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(UserUnit(role)));
    }

    [Fact]
    public async Task System_on_macOS_is_refused_with_what_to_do_instead()
    {
        var exit = await RunAsync(true, "service", "install", "node", "--system");

        Assert.Equal((int)ExitCode.BadArguments, exit);
        Assert.Contains("leave out --system", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_home));
    }

    [Fact]
    public async Task Uninstall_removes_what_install_wrote()
    {
        await RunAsync(false, "service", "install", "seed");

        var exit = await RunAsync(false, "service", "uninstall", "seed");

        Assert.Equal((int)ExitCode.Success, exit);
        Assert.False(File.Exists(UserUnit("seed")));
        Assert.Contains("removed " + UserUnit("seed"), _output.ToString(), StringComparison.Ordinal);
    }

    private async Task<int> RunAsync(bool macOS, params string[] args)
    {
        var locations = new ServiceLocations(macOS, _home, SystemUnitDirectory: Path.Combine(_home, "system"));
        var root = new RootCommand { ServiceCommand.Create(locations, _ => new ToolReply(0, "", ""), new ServiceInvocation("/opt/vtr/vtr", [])) };
        var configuration = new InvocationConfiguration { Output = _output, Error = _error };
        return await VtrCommandLine.InvokeAsync(root, args, configuration, CancellationToken.None);
    }
}
