using Vtr.Cli.Resume;

namespace Vtr.Client.Cli.Tests.Resume;

public sealed class InputFingerprintTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vtr-fingerprint-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void An_unchanged_file_keeps_its_fingerprint()
    {
        var path = Write(3 * InputFingerprint.EdgeBytes);

        Assert.Equal(InputFingerprint.Of(path), InputFingerprint.Of(path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Rewriting_a_byte_at_either_end_in_place_changes_the_fingerprint(int offsetFromStart)
    {
        var path = Write(3 * InputFingerprint.EdgeBytes);
        var before = InputFingerprint.Of(path);
        var time = File.GetLastWriteTimeUtc(path);
        using (var file = File.OpenWrite(path))
        {
            file.Position = offsetFromStart >= 0 ? offsetFromStart : file.Length - 1;
            file.WriteByte(0xFF);
        }

        File.SetLastWriteTimeUtc(path, time); // same size, same time: only the hash can tell

        Assert.NotEqual(before, InputFingerprint.Of(path));
    }

    private string Write(int length)
    {
        var path = Path.Combine(_folder, "in.mp4");
        File.WriteAllBytes(path, new byte[length]);
        return path;
    }
}
