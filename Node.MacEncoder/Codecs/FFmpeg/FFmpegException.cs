using System.Text;
using Vtr.Node.Codecs.FFmpeg.Interop;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>A libavcodec/libavutil call returned a negative AVERROR; the message carries av_strerror's text.</summary>
public sealed class FFmpegException : CodecException
{
    public FFmpegException(string operation, int errorCode)
        : base($"{operation} failed: {Describe(errorCode)} ({errorCode})")
    {
        Operation = operation;
        ErrorCode = errorCode;
    }

    public FFmpegException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    public FFmpegException(string message, Exception inner)
        : base(message, inner)
    {
        Operation = string.Empty;
    }

    public FFmpegException()
    {
        Operation = string.Empty;
    }

    public string Operation { get; }

    public int ErrorCode { get; }

    /// <summary>Throws when <paramref name="result"/> is an error; returns it otherwise.</summary>
    public static int ThrowIfError(int result, string operation) =>
        result < 0 ? throw new FFmpegException(operation, result) : result;

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
