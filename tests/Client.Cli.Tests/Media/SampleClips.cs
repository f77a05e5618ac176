using Vtr.Cli.Media;
using Vtr.Shared.Media;

namespace Vtr.Client.Cli.Tests.Media;

/// <summary>Generates each sample clip once per test run in a temp directory (deleted at the end).</summary>
public sealed class SampleClips : IAsyncLifetime
{
    private readonly Dictionary<string, Task<string>> _clips = [];
    private readonly Lock _gate = new();

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "vtr-media-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public Task<string> CfrMp4 => Get("cfr.mp4", new SampleClipOptions());

    public Task<string> VfrMp4 => Get("vfr.mp4", new SampleClipOptions { VariableFrameRate = true });

    public Task<string> OpenGopMp4 => Get("opengop.mp4", new SampleClipOptions { OpenGop = true });

    public Task<string> SubtitledMkv => Get("subs.mkv", new SampleClipOptions { Container = SampleClipContainer.Mkv, VariableFrameRate = true });

    public Task<string> HevcMp4 => Get("hevc.mp4", new SampleClipOptions { Codec = VideoCodec.Hevc, OpenGop = true, DurationSeconds = 3 });

    public Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    public string TempPath(string name) => Path.Combine(Directory, Guid.NewGuid().ToString("N")[..8] + "-" + name);

    private Task<string> Get(string name, SampleClipOptions options)
    {
        lock (_gate)
        {
            if (!_clips.TryGetValue(name, out var clip))
            {
                var path = Path.Combine(Directory, name);
                clip = Create(path, options);
                _clips[name] = clip;
            }

            return clip;
        }
    }

    private static async Task<string> Create(string path, SampleClipOptions options)
    {
        await SampleClipGenerator.CreateAsync(path, options, CancellationToken.None);
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class SampleClipCollection : ICollectionFixture<SampleClips>
{
    public const string Name = "Sample clips";
}
