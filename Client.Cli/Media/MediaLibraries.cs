using Vtr.Native.FFmpeg;

namespace Vtr.Cli.Media;

/// <summary>The shared libavformat runtime as media I/O needs it: a missing or unsupported FFmpeg is a
/// <see cref="MediaLibraryException"/>, which the commands report like every other media failure.</summary>
internal static class MediaLibraries
{
    public static AvFormatRuntime Load() =>
        FFmpegRuntimeLoad.Or(AvFormatRuntime.Load, static (message, inner) => new MediaLibraryException(message, inner));
}
