using Vtr.Cli.FileSafety;

namespace Vtr.Client.Cli.Tests.FileSafety;

public sealed class FileIdentityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vtr-file-identity-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Two_files_with_equal_content_are_different_files()
    {
        var a = Write("a.mp4");
        var b = Write("b.mp4");

        Assert.False(FileIdentity.AreSame(a, b));
    }

    [Fact]
    public void A_relative_spelling_of_the_same_path_is_the_same_file()
    {
        var a = Write("a.mp4");

        Assert.True(FileIdentity.AreSame(a, Path.Combine(_folder, ".", "..", Path.GetFileName(_folder), "a.mp4")));
    }

    [UnixFact]
    public void A_hard_link_is_the_same_file()
    {
        var a = Write("a.mp4");
        var b = Path.Combine(_folder, "b.mp4");
        HardLink.Create(a, b);

        Assert.True(FileIdentity.AreSame(a, b));
    }

    private string Write(string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, "same bytes");
        return path;
    }
}
