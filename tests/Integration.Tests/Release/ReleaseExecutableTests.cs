using System.Text.RegularExpressions;
using Vtr.Shared.Versioning;
using Vtr.Testing.Processes;

namespace Vtr.Integration.Tests.Release;

/// <summary>
/// The linux-x64 release on a machine where .NET is out of reach (no dotnet on PATH, DOTNET_ROOT unset): what a user who
/// downloaded it runs first — the version, the node's self-test, the whole embedded transcode.
/// </summary>
[Trait("Category", "Native")]
public sealed partial class ReleaseExecutableTests(PublishedRelease release) : IClassFixture<PublishedRelease>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [ReleaseFact]
    public async Task The_archive_holds_only_the_executable_and_its_checksum_file_verifies()
    {
        Assert.Equal(["vtr"], release.ArchiveEntries);
        var check = await ToolRun.RunAsync(
            "sha256sum", ["-c", Path.GetFileName(release.Archive) + ".sha256"], TimeSpan.FromSeconds(30), new ToolOptions { WorkingDirectory = release.Artifacts });
        Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);
        Assert.Contains(": OK", check.StandardOutput, StringComparison.Ordinal);
    }

    [ReleaseFact]
    public async Task Version_prints_the_release_number_and_a_commit_without_dotnet()
    {
        var run = await release.RunAsync(["--version"], release.CreateFolder("version"), RunTimeout);

        Assert.True(run.ExitCode == 0, run.StandardError);
        var match = VersionLine().Match(run.StandardOutput.Trim());
        Assert.True(match.Success, run.StandardOutput);
        Assert.Equal(VtrVersion.Current.Number, match.Groups[1].Value);
    }

    [ReleaseFact]
    public async Task Node_self_test_encodes_with_ffmpeg_without_dotnet()
    {
        var run = await release.RunAsync(["node", "--self-test", "--sw-preset", "ultrafast"], release.CreateFolder("self-test"), RunTimeout);

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Contains("H264", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Hevc", run.StandardOutput, StringComparison.Ordinal);
    }

    [ReleaseFact]
    public async Task The_embedded_transcode_writes_and_verifies_the_sample_without_dotnet()
    {
        var folder = release.CreateFolder("transcode");

        var run = await release.RunAsync(["transcode"], folder, RunTimeout);

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Contains("wrote vtr-sample.mp4", run.StandardOutput, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(folder, "vtr-sample.mp4")).Length > 0);
    }

    [GeneratedRegex(@"^vtr (\d+\.\d+\.\d+\S*) \(commit ([0-9a-f]{7,40}|unknown)\)$")]
    private static partial Regex VersionLine();
}
