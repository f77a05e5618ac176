using Vtr.Integration.Tests.ChildProcess;
using Vtr.Testing.Processes;

namespace Vtr.Integration.Tests.Release;

/// <summary>
/// The linux-x64 release, made once per test class by the real `build/release.sh linux-x64` into a temp folder (a few
/// minutes: ReadyToRun compiles every assembly), then unpacked; <see cref="RunAsync"/> starts the unpacked executable
/// as a user without .NET would: no dotnet on PATH, no DOTNET_ROOT, an empty home.
/// </summary>
public sealed class PublishedRelease : IAsyncLifetime
{
    // ReadyToRun compiles every assembly (Akka included) with crossgen2: ~2 min on a quiet 2-core machine, ~8 under a
    // load of 30; the bound is for a hang, not for speed.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);
    private readonly string _folder = Directory.CreateTempSubdirectory("vtr-release-it-").FullName;

    public string Artifacts => Path.Combine(_folder, "artifacts");

    public string Archive { get; private set; } = "";

    public string Executable => Path.Combine(_folder, "unpacked", "vtr");

    /// <summary>What `tar -tzf` lists in the archive.</summary>
    public IReadOnlyList<string> ArchiveEntries { get; private set; } = [];

    /// <summary>The only directory on PATH: ffmpeg and ffprobe, which `vtr transcode` runs; nothing .NET.</summary>
    private string ToolsOnPath => Path.Combine(_folder, "bin");

    public async Task InitializeAsync()
    {
        if (ReleaseFactAttribute.SkipReason is not null)
        {
            return;
        }

        var script = Path.Combine(VtrProcess.RepoRoot, "build", "release.sh");
        var publish = await ToolRun.RunAsync(
            script, ["linux-x64"], PublishTimeout,
            new ToolOptions { Environment = new Dictionary<string, string?> { ["VTR_ARTIFACTS"] = Artifacts }, WorkingDirectory = VtrProcess.RepoRoot });
        Assert.True(publish.ExitCode == 0, $"release.sh failed ({publish.ExitCode}): {publish.StandardError}");
        Archive = Assert.Single(Directory.GetFiles(Artifacts, "vtr-*-linux-x64.tar.gz"));

        var list = await ToolRun.RunAsync("tar", ["-tzf", Archive], TimeSpan.FromSeconds(30));
        ArchiveEntries = list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var unpacked = Directory.CreateDirectory(Path.Combine(_folder, "unpacked")).FullName;
        var untar = await ToolRun.RunAsync("tar", ["-xzf", Archive, "-C", unpacked], TimeSpan.FromSeconds(60));
        Assert.Equal(0, untar.ExitCode);

        Directory.CreateDirectory(ToolsOnPath);
        var ffmpeg = ToolRun.FfmpegPath!; // ReleaseFactAttribute found it
        File.CreateSymbolicLink(Path.Combine(ToolsOnPath, "ffmpeg"), ffmpeg);
        File.CreateSymbolicLink(Path.Combine(ToolsOnPath, "ffprobe"), Path.Combine(Path.GetDirectoryName(ffmpeg)!, "ffprobe"));
    }

    /// <summary>Runs the release executable in <paramref name="workingDirectory"/> with nothing of .NET in reach.</summary>
    public Task<ToolResult> RunAsync(IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        var home = Directory.CreateDirectory(Path.Combine(_folder, "home")).FullName;
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = ToolsOnPath,
            ["HOME"] = home,
            ["TMPDIR"] = Directory.CreateDirectory(Path.Combine(_folder, "tmp")).FullName,
            ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache"),
        };
        return ToolRun.RunAsync(
            Executable, args, timeout, new ToolOptions { Environment = environment, WorkingDirectory = workingDirectory, InheritEnvironment = false });
    }

    public string CreateFolder(string name) => Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
