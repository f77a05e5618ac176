using System.Xml.Linq;
using Vtr.Testing.Processes;

namespace Vtr.Integration.Tests.ChildProcess;

/// <summary>
/// The `./vtr` launcher's build decision, on a copy of the script in a scratch tree: it builds (publishes the
/// ReadyToRun CLI) when the CLI is missing or a source is newer than its last build, stays silent and only execs when
/// up to date, and shows the log when the build fails; `vtr test` builds first and hands the tests that CLI.
/// `dotnet` is a stand-in that records its calls: what is under test is the script's decision, and a real build here
/// would take a minute per case.
/// </summary>
[Trait("Category", "Native")]
public sealed class LauncherTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vtr-launcher-it-").FullName;
    private readonly string _calls;
    private readonly string _bin;

    public LauncherTests()
    {
        File.Copy(Path.Combine(VtrProcess.RepoRoot, "vtr"), Path.Combine(_root, "vtr"));
        foreach (var project in ProductProjects())
        {
            Directory.CreateDirectory(Path.Combine(_root, project));
            File.WriteAllText(Path.Combine(_root, project, "Source.cs"), "// a source file");
        }

        _calls = Path.Combine(_root, "calls.txt");
        _bin = Directory.CreateDirectory(Path.Combine(_root, "fake-bin")).FullName;
        var dotnet = Path.Combine(_bin, "dotnet");
        File.WriteAllText(dotnet, """
            #!/bin/sh
            echo "$*" >> "$VTR_TEST_CALLS"
            if [ "$1" = publish ]; then
                [ -n "$VTR_TEST_FAIL_BUILD" ] && { echo "error CS0001: the build broke"; exit 1; }
                case "$*" in *PublishReadyToRun=false*) ;; *) [ -n "$VTR_TEST_FAIL_R2R" ] && { echo "error NU1101: Microsoft.NETCore.App.Crossgen2"; exit 1; } ;; esac
                while [ "$1" != -o ]; do shift; done
                mkdir -p "$2" && touch "$2/vtr.dll"
                exit 0
            fi
            echo "ran $* with VTR_TEST_CLI=$VTR_TEST_CLI"
            """.Replace("\r", "", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Builds_once_then_only_execs_until_a_source_changes()
    {
        var first = await RunAsync();
        Assert.Equal(0, first.Code);
        Assert.Contains("vtr: building", first.Error, StringComparison.Ordinal);
        Assert.Equal(1, BuildCalls());
        Assert.Contains("ran ", first.Output, StringComparison.Ordinal);

        var upToDate = await RunAsync();
        Assert.Equal(0, upToDate.Code);
        Assert.Equal("", upToDate.Error);
        Assert.Equal(1, BuildCalls());
        Assert.Contains("--help", upToDate.Output, StringComparison.Ordinal);

        File.SetLastWriteTimeUtc(Stamp, DateTime.UtcNow.AddMinutes(-5));
        File.SetLastWriteTimeUtc(Path.Combine(_root, "Shared", "Source.cs"), DateTime.UtcNow);
        var changed = await RunAsync();
        Assert.Equal(0, changed.Code);
        Assert.Equal(2, BuildCalls());
    }

    [Fact]
    public async Task A_change_in_any_product_project_of_the_solution_rebuilds()
    {
        Assert.Equal(0, (await RunAsync()).Code);
        var builds = BuildCalls();
        foreach (var project in ProductProjects())
        {
            foreach (var other in ProductProjects())
            {
                File.SetLastWriteTimeUtc(Path.Combine(_root, other, "Source.cs"), DateTime.UtcNow.AddMinutes(-10));
            }

            File.SetLastWriteTimeUtc(Stamp, DateTime.UtcNow.AddMinutes(-5));
            File.SetLastWriteTimeUtc(Path.Combine(_root, project, "Source.cs"), DateTime.UtcNow);

            Assert.Equal(0, (await RunAsync()).Code);
            Assert.True(BuildCalls() == ++builds, $"a change in {project}/ did not rebuild the CLI");
        }
    }

    /// <summary>The folders of vtr.slnx's /src/ projects: everything the CLI is built from.</summary>
    private static IEnumerable<string> ProductProjects() =>
        XDocument.Load(Path.Combine(VtrProcess.RepoRoot, "vtr.slnx")).Descendants("Folder")
            .Where(folder => (string?)folder.Attribute("Name") == "/src/")
            .Descendants("Project")
            .Select(project => ((string)project.Attribute("Path")!).Split('/')[0]);

    [Fact]
    public async Task A_failed_build_shows_its_log_and_runs_nothing()
    {
        var failed = await RunAsync(failBuild: true);

        Assert.Equal(1, failed.Code);
        Assert.Contains("the build broke", failed.Error, StringComparison.Ordinal);
        Assert.Contains("vtr: the build failed", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ran ", failed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_precompiling_cannot_restore_the_same_build_without_it_runs()
    {
        var run = await RunAsync(failReadyToRun: true);

        Assert.Equal(0, run.Code);
        Assert.Equal(2, BuildCalls());
        Assert.Contains("-p:PublishReadyToRun=false", File.ReadAllLines(_calls)[1], StringComparison.Ordinal);
        Assert.Contains("ran ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_builds_the_cli_first_and_hands_the_tests_the_one_users_run()
    {
        var test = await RunAsync(command: "test");

        Assert.Equal(0, test.Code);
        Assert.Equal(1, BuildCalls());
        var calls = File.ReadAllLines(_calls);
        Assert.StartsWith("publish ", calls[0], StringComparison.Ordinal);
        Assert.Contains("-p:VtrLauncherBuild=true", calls[0], StringComparison.Ordinal);
        Assert.StartsWith("test ", calls[1], StringComparison.Ordinal);
        Assert.Contains($"with VTR_TEST_CLI={Path.Combine(_root, "Client.Cli", "bin", "Release", "launcher", "vtr.dll")}", test.Output, StringComparison.Ordinal);
    }

    /// <summary>Where the launcher records its last successful build (beside the CLI it runs).</summary>
    private string Stamp => Path.Combine(_root, "Client.Cli", "bin", "Release", "launcher", ".vtr-build-stamp");

    private int BuildCalls() => File.Exists(_calls) ? File.ReadAllLines(_calls).Count(l => l.StartsWith("publish ", StringComparison.Ordinal)) : 0;

    private async Task<(int Code, string Output, string Error)> RunAsync(bool failBuild = false, string command = "--help", bool failReadyToRun = false)
    {
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = _bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["XDG_CACHE_HOME"] = Path.Combine(_root, "cache"),
            ["VTR_TEST_CALLS"] = _calls,
            ["VTR_TEST_FAIL_BUILD"] = failBuild ? "1" : null,
            ["VTR_TEST_FAIL_R2R"] = failReadyToRun ? "1" : null,
            ["VTR_TEST_CLI"] = null, // set when these tests themselves run under `./vtr test`
        };
        var run = await ToolRun.RunAsync(
            "bash", [Path.Combine(_root, "vtr"), command], TimeSpan.FromSeconds(60),
            new ToolOptions { Environment = environment, WorkingDirectory = _root });
        return (run.ExitCode, run.StandardOutput, run.StandardError.Trim());
    }
}
