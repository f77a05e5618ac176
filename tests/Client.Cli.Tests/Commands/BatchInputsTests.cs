using Vtr.Cli.Commands;

namespace Vtr.Client.Cli.Tests.Commands;

public sealed class BatchInputsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vtr-batch-inputs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_folder_input_takes_its_visible_media_files_in_name_order_and_not_its_subfolders()
    {
        var folder = Folder("in", "b.MOV", "a.mp4", "notes.txt", ".a.vtr-1.partial.mp4");
        Folder(Path.Combine("in", "sub"), "deep.mp4");
        var outDir = Folder("out");

        Assert.True(BatchInputs.TryExpand([folder], outDir, out var files, out var problem), problem);

        Assert.Equal([Path.Combine(folder, "a.mp4"), Path.Combine(folder, "b.MOV")], files.Select(f => f.InputPath));
        Assert.Equal([Path.Combine(outDir, "a.mp4"), Path.Combine(outDir, "b.mp4")], files.Select(f => f.OutputPath));
    }

    [Fact]
    public void Output_as_folder_slash_extension_sets_the_container_of_every_output()
    {
        var outDir = Folder("out");

        Assert.True(BatchInputs.TryExpand(["x/clip1.mov", "y/clip2.mp4"], Path.Combine(outDir, ".mkv"), out var files, out var problem), problem);

        Assert.Equal([Path.Combine(outDir, "clip1.mkv"), Path.Combine(outDir, "clip2.mkv")], files.Select(f => f.OutputPath));
    }

    [Fact]
    public void Several_inputs_need_a_folder_output()
    {
        Assert.False(BatchInputs.TryExpand(["a.mp4", "b.mp4"], Path.Combine(_directory, "out.mp4"), out _, out var problem));

        Assert.Contains("several inputs need -o FOLDER/", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_inputs_with_the_same_name_are_refused_before_any_work()
    {
        Assert.False(BatchInputs.TryExpand(["x/clip.mov", "y/clip.mp4"], _directory + "/", out _, out var problem));

        Assert.Contains("would both be written to", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_media_files_is_refused()
    {
        var folder = Folder("empty", "readme.txt");

        Assert.False(BatchInputs.TryExpand([folder], _directory + "/", out _, out var problem));

        Assert.Contains("no media files", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "a.mp4" }, "out.mp4", false)]
    [InlineData(new[] { "a.mp4", "b.mp4" }, "out.mp4", true)]
    [InlineData(new[] { "a.mp4" }, "out/", true)]
    [InlineData(new[] { "a.mp4" }, "out/.mkv", true)]
    [InlineData(new string[0], "out/", false)]
    public void A_batch_is_several_inputs_or_a_folder_output(string[] inputs, string output, bool batch) =>
        Assert.Equal(batch, BatchInputs.IsBatch(inputs, output));

    [Fact]
    public void A_batch_exits_with_the_failures_code_when_they_agree_else_Failure()
    {
        Assert.Equal(ExitCode.Success, TranscodeFailures.Combine([ExitCode.Success, ExitCode.Success]));
        Assert.Equal(ExitCode.InputUnusable, TranscodeFailures.Combine([ExitCode.Success, ExitCode.InputUnusable, ExitCode.Success]));
        Assert.Equal(ExitCode.Failure, TranscodeFailures.Combine([ExitCode.OutputRefused, ExitCode.InputUnusable]));
    }

    private string Folder(string name, params string[] files)
    {
        var folder = Path.Combine(_directory, name);
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(folder, file), "x");
        }

        return folder;
    }
}
