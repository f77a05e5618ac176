namespace Vtr.Integration.Tests.Media;

/// <summary>Tests of one <see cref="NoiseClip"/>: made in a temp folder before they run (when ffmpeg is there) and
/// removed with the folder after.</summary>
public abstract class NoiseClipTests(string size, int seconds, int noise, int gop, TimeSpan timeout) : IAsyncLifetime
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory("vtr-noise-it-").FullName;

    protected string Source => Path.Combine(Folder, "source.mp4");

    public async Task InitializeAsync()
    {
        if (FfmpegFactAttribute.IsAvailable)
        {
            await NoiseClip.CreateAsync(Source, size, seconds, noise, gop, timeout);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
