using Vtr.Cli.Media;

namespace Vtr.Client.Cli.Tests.Media;

/// <summary>A [Fact] that skips, with the reason, when the ffmpeg/ffprobe CLIs are not installed.</summary>
public sealed class FFmpegFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> MissingReason = new(() =>
        !MediaToolRunner.IsAvailable(MediaToolRunner.FFmpeg) ? "ffmpeg CLI not found on PATH (install FFmpeg or set VTR_FFMPEG)"
        : !MediaToolRunner.IsAvailable(MediaToolRunner.FFprobe) ? "ffprobe CLI not found on PATH (install FFmpeg or set VTR_FFPROBE)"
        : null);

    public FFmpegFactAttribute()
    {
        if (MissingReason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    public static bool IsAvailable => MissingReason.Value is null;
}
