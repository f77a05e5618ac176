using Vtr.Node.Codecs.FFmpeg;

namespace Vtr.Client.Cli.Tests.Benchmarks;

/// <summary>A [Fact] that skips, with the reason, when libavcodec with libx264 cannot be loaded here.</summary>
public sealed class BackendFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> UnavailableReason = new(() => new FFmpegBackend().UnavailableReason);

    public BackendFactAttribute()
    {
        if (UnavailableReason.Value is { } reason)
        {
            Skip = "libavcodec backend unavailable: " + reason;
        }
    }
}
