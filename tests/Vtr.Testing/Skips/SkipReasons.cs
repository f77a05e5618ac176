using Vtr.Cli.Media;
using Vtr.Native.FFmpeg;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Testing.Captures;

namespace Vtr.Testing.Skips;

/// <summary>
/// Why a test cannot run here, or null when it can; each found once per test run. xunit 2 has no dynamic skip, so the
/// attributes set <see cref="FactAttribute.Skip"/> from these and the test shows as skipped with the reason.
/// </summary>
public static class SkipReasons
{
    private static readonly Lazy<string?> FfmpegCli = new(() =>
        !MediaToolRunner.IsAvailable(MediaToolRunner.FFmpeg) ? "ffmpeg CLI not found on PATH (install FFmpeg or set VTR_FFMPEG)"
        : !MediaToolRunner.IsAvailable(MediaToolRunner.FFprobe) ? "ffprobe CLI not found on PATH (install FFmpeg or set VTR_FFPROBE)"
        : null);

    private static readonly Lazy<string?> Backend = new(() =>
        new FFmpegBackend().UnavailableReason is { } reason ? "libavcodec backend unavailable: " + reason : null);

    /// <summary>The ffmpeg and ffprobe command-line tools (sample generation, reference decodes).</summary>
    public static string? MissingFfmpegCli => FfmpegCli.Value;

    /// <summary>The node's libavcodec backend with libx264/libx265.</summary>
    public static string? MissingBackend => Backend.Value;

    /// <summary>shared/vtr1/captures beside the repository.</summary>
    public static string? MissingCaptures => CaptureLocator.Directory is null ? CaptureLocator.MissingReason : null;

    /// <summary>The process's descriptors, counted through /proc/self/fd.</summary>
    public static string? MissingDescriptorCount =>
        Directory.Exists("/proc/self/fd") ? null : "counts descriptors through /proc/self/fd, which this OS does not have";

    public static string? MissingSocketTable =>
        File.Exists("/proc/net/tcp") ? null : "reads listening sockets from /proc/net/tcp, which this OS does not have";

    /// <summary>FFmpeg's libraries through Shared.Native, with each named encoder.</summary>
    public static string? MissingNativeFfmpeg(IEnumerable<string> encoders)
    {
        var runtime = FFmpegRuntime.TryLoad(out var reason);
        if (runtime is null)
        {
            return $"FFmpeg not usable: {reason}";
        }

        return encoders.FirstOrDefault(encoder => AvCodecNative.avcodec_find_encoder_by_name(encoder) == 0) is { } missing
            ? $"encoder {missing} is not in this FFmpeg ({runtime.VersionText})"
            : null;
    }
}
