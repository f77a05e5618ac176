using Vtr.Cli.FileSafety;

namespace Vtr.Client.Cli.Tests.FileSafety;

public sealed class OutputTargetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vtr-output-target-").FullName;
    private readonly ScratchPaths _scratch = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_input_itself_is_refused_even_with_overwrite()
    {
        var input = Existing("in.mp4");

        var refused = Assert.Throws<OutputRefusedException>(() => OutputTarget.Reserve(input, input, overwrite: true, _scratch));

        Assert.Contains("is the input file", refused.Message, StringComparison.Ordinal);
        AssertFolderHolds("in.mp4");
    }

    [UnixFact]
    public void A_symlink_to_the_input_is_refused()
    {
        var input = Existing("in.mp4");
        var link = Path.Combine(_folder, "link.mp4");
        File.CreateSymbolicLink(link, input);

        Assert.Throws<OutputRefusedException>(() => OutputTarget.Reserve(input, link, overwrite: true, _scratch));
        AssertFolderHolds("in.mp4", "link.mp4");
    }

    [UnixFact]
    public void A_hard_link_to_the_input_is_refused()
    {
        var input = Existing("in.mp4");
        var link = Path.Combine(_folder, "hard.mp4");
        HardLink.Create(input, link);

        Assert.Throws<OutputRefusedException>(() => OutputTarget.Reserve(input, link, overwrite: true, _scratch));
        Assert.Equal("source", File.ReadAllText(link));
    }

    [Fact]
    public void An_existing_output_is_refused_without_overwrite_and_kept()
    {
        var input = Existing("in.mp4");
        var output = Existing("out.mp4", "precious");

        var refused = Assert.Throws<OutputRefusedException>(() => OutputTarget.Reserve(input, output, overwrite: false, _scratch));

        Assert.Contains("already exists (add -y", refused.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(output));
        AssertFolderHolds("in.mp4", "out.mp4");
    }

    [Fact]
    public void A_missing_output_folder_is_refused()
    {
        var refused = Assert.Throws<OutputRefusedException>(
            () => OutputTarget.Reserve(null, Path.Combine(_folder, "missing", "out.mp4"), overwrite: false, _scratch));

        Assert.Contains("does not exist", refused.Message, StringComparison.Ordinal);
        AssertFolderHolds();
    }

    [UnixFact]
    public void An_output_folder_that_cannot_be_written_is_refused()
    {
        var folder = UnwritableFolder();

        var refused = Assert.Throws<OutputRefusedException>(() => OutputTarget.Reserve(null, Path.Combine(folder, "out.mp4"), overwrite: false, _scratch));

        Assert.Contains("is not writable", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder, "*out*"));
    }

    [Fact]
    public void Commit_replaces_an_existing_output_only_with_overwrite()
    {
        var output = Existing("out.mp4", "old");
        using var target = OutputTarget.Reserve(null, output, overwrite: true, _scratch);
        File.WriteAllText(target.TempPath, "new");
        Assert.Equal("old", File.ReadAllText(output)); // untouched until the commit

        target.Commit();

        Assert.Equal("new", File.ReadAllText(output));
        AssertFolderHolds("out.mp4");
    }

    [Fact]
    public void An_output_that_appears_during_the_run_is_left_alone_without_overwrite()
    {
        var output = Path.Combine(_folder, "out.mp4");
        using var target = OutputTarget.Reserve(null, output, overwrite: false, _scratch);
        File.WriteAllText(target.TempPath, "new");
        File.WriteAllText(output, "someone else's");

        Assert.Throws<OutputRefusedException>(target.Commit);
        Assert.Equal("someone else's", File.ReadAllText(output));
    }

    [Fact]
    public void Disposing_without_commit_removes_the_temp_file_and_the_muxer_temp_beside_it()
    {
        var output = Path.Combine(_folder, "out.mp4");
        var target = OutputTarget.Reserve(null, output, overwrite: false, _scratch);
        var muxerTemp = Path.Combine(_folder, $".{Path.GetFileNameWithoutExtension(target.TempPath)}.1234.partial.mp4");
        File.WriteAllText(muxerTemp, "half a file");

        target.Dispose();

        AssertFolderHolds();
    }

    [Fact]
    public void A_forced_exit_deletes_what_is_still_tracked()
    {
        var target = OutputTarget.Reserve(null, Path.Combine(_folder, "out.mp4"), overwrite: false, _scratch);
        var spill = Directory.CreateDirectory(Path.Combine(_folder, "spill")).FullName;
        File.WriteAllText(Path.Combine(spill, "0.bin"), "segment");
        _scratch.Track(spill);

        _scratch.DeleteAll();

        Assert.False(File.Exists(target.TempPath));
        AssertFolderHolds();
    }

    private string Existing(string name, string content = "source")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private void AssertFolderHolds(params string[] names) =>
        Assert.Equal(names.Order(), Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).Order());

    /// <summary>A folder this process cannot create files in: mode 555, or for root (which ignores modes) /proc.</summary>
    private string UnwritableFolder()
    {
        if (Environment.IsPrivilegedProcess || OperatingSystem.IsWindows())
        {
            return "/proc";
        }

        var folder = Directory.CreateDirectory(Path.Combine(_folder, "readonly")).FullName;
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return folder;
    }
}
