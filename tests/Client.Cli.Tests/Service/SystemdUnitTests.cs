using Vtr.Cli.Service;
using Vtr.Testing.Processes;
using Vtr.Testing.Service;

namespace Vtr.Client.Cli.Tests.Service;

public sealed class SystemdUnitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vtr-systemd-unit-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_user_unit_runs_the_exact_command_restarts_on_failure_and_starts_with_the_user_manager()
    {
        var definition = Node(["--seed", "10.0.0.5:4053", "--max-sessions", "2"]);

        var unit = UnitFile.Parse(SystemdUnit.Render(definition));

        Assert.Equal(["/opt/vtr/vtr", "node", "--seed", "10.0.0.5:4053", "--max-sessions", "2"], unit.ExecStart());
        Assert.Equal("on-failure", unit["Service", "Restart"]);
        Assert.Equal("5", unit["Service", "RestartSec"]);
        Assert.Equal("SIGTERM", unit["Service", "KillSignal"]);
        Assert.Equal("30", unit["Service", "TimeoutStopSec"]);
        Assert.Equal("default.target", unit["Install", "WantedBy"]);
        Assert.Null(unit["Service", "User"]);
        Assert.Null(unit["Unit", "After"]); // a user manager has no network-online.target
    }

    [Fact]
    public void A_system_unit_runs_as_the_dedicated_account_after_the_network_with_a_state_directory_it_owns_and_farm_credentials_in_etc_vtr()
    {
        var definition = Node(["--seed", "10.0.0.5:4053"]) with { Scope = ServiceScope.System, Account = "encoder" };

        var unit = UnitFile.Parse(SystemdUnit.Render(definition));

        Assert.Equal("encoder", unit["Service", "User"]);
        Assert.Equal("vtr", unit["Service", "StateDirectory"]);
        Assert.Equal("XDG_STATE_HOME=%S XDG_CONFIG_HOME=%E", unit["Service", "Environment"]);
        Assert.Equal("vtr", unit["Service", "ConfigurationDirectory"]); // farm credentials: /etc/vtr/farm.p12
        Assert.Equal("network-online.target", unit["Unit", "After"]);
        Assert.Equal("network-online.target", unit["Unit", "Wants"]);
        Assert.Equal("multi-user.target", unit["Install", "WantedBy"]);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("/Users/a b/vtr", "\"/Users/a b/vtr\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"C:\x", "\"C:\\\\x\"")]
    [InlineData("50%", "\"50%%\"")]
    [InlineData("$HOME", "\"$$HOME\"")]
    public void Every_word_is_quoted_so_systemd_neither_splits_nor_expands_it(string word, string quoted) =>
        Assert.Equal(quoted, SystemdUnit.Quote(word));

    [Fact]
    public void Words_with_spaces_quotes_and_specifiers_come_back_from_the_unit_as_typed()
    {
        string[] tricky = ["--token", "a b\"c\\d%e$f", "--public-hostname", "studio mac"];

        var unit = UnitFile.Parse(SystemdUnit.Render(Node(tricky)));

        Assert.Equal(["/opt/vtr/vtr", "node", .. tricky], unit.ExecStart());
    }

    [Fact]
    public void A_line_break_in_an_option_is_refused_rather_than_written_as_a_second_line() =>
        Assert.Throws<ArgumentException>(() => SystemdUnit.Render(Node(["--token", "a\nExecStartPre=/bin/evil"])));

    [SystemdAnalyzeTheory]
    [InlineData(ServiceScope.User)]
    [InlineData(ServiceScope.System)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // systemd: Linux only
    public async Task Systemd_itself_accepts_the_unit_when_systemd_analyze_is_installed(ServiceScope scope)
    {
        var analyze = SystemdAnalyzeTheoryAttribute.Path!; // the attribute skips the test without it
        // verify checks that ExecStart's program exists and is executable: give it a real one.
        var program = Path.Combine(_folder, "vtr");
        File.WriteAllText(program, "#!/bin/sh\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var definition = new ServiceDefinition(ServiceRole.Node, new ServiceInvocation(program, []), ["--seed", "h:4053", "--token", "50% $x"], scope);
        var file = Path.Combine(_folder, "vtr-node.service");
        File.WriteAllText(file, SystemdUnit.Render(definition));

        var verify = await ToolRun.RunAsync(analyze, ["verify", file], TimeSpan.FromSeconds(60));

        // verify exits 0 even for keys it ignored; what it says about our file is the finding.
        Assert.Equal(0, verify.ExitCode);
        Assert.DoesNotContain(file, verify.StandardError, StringComparison.Ordinal);
    }

    private static ServiceDefinition Node(IReadOnlyList<string> options) =>
        new(ServiceRole.Node, new ServiceInvocation("/opt/vtr/vtr", []), options);
}

/// <summary>Runs only where systemd-analyze is installed; elsewhere skipped with the reason (the parse tests still run).</summary>
public sealed class SystemdAnalyzeTheoryAttribute : TheoryAttribute
{
    public SystemdAnalyzeTheoryAttribute()
    {
        if (Path is null)
        {
            Skip = "systemd-analyze is not installed; the unit is checked by UnitFile.Parse only";
        }
    }

    public static string? Path { get; } = ToolRun.FindExecutable("systemd-analyze");
}
