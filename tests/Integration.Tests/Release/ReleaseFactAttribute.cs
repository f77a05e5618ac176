using System.Runtime.InteropServices;
using Vtr.Node.Codecs.FFmpeg;

namespace Vtr.Integration.Tests.Release;

/// <summary>
/// A fact about the linux-x64 release executable: it can only run on a Linux x64 machine with FFmpeg's libraries and
/// CLI (the release's one system dependency). Anywhere else it shows as skipped with the reason.
/// </summary>
public sealed class ReleaseFactAttribute : FactAttribute
{
    public ReleaseFactAttribute()
    {
        Skip = SkipReason;
    }

    /// <summary>Why the release cannot be published and run here, or null when it can.</summary>
    public static string? SkipReason { get; } = FindSkipReason();

    private static string? FindSkipReason()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            return "the release test runs the linux-x64 executable; this machine is " + RuntimeInformation.RuntimeIdentifier;
        }

        if (!FfmpegFactAttribute.IsAvailable)
        {
            return "ffmpeg is not on PATH; the release executable needs FFmpeg as a system dependency";
        }

        return new FFmpegBackend().UnavailableReason is { } reason ? "libavcodec unavailable: " + reason : null;
    }
}
