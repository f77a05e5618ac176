using System.Text;

namespace Vtr.Native.FFmpeg;

/// <summary>AVERROR codes as text (av_strerror), for the exception messages of the node and the CLI.</summary>
public static class FFmpegErrors
{
    /// <summary>"Invalid data found when processing input", or "unknown error N" when libavutil has no text for it.</summary>
    public static unsafe string Describe(int errorCode)
    {
        const int Size = 128;
        var buffer = stackalloc byte[Size];
        if (AvUtilNative.av_strerror(errorCode, buffer, Size) < 0)
        {
            return $"unknown error {errorCode}";
        }

        var length = new ReadOnlySpan<byte>(buffer, Size).IndexOf((byte)0);
        return Encoding.UTF8.GetString(buffer, length < 0 ? Size : length);
    }
}
