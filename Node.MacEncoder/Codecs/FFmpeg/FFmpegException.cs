using Vtr.Native.FFmpeg;

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

    public static string Describe(int errorCode) => FFmpegErrors.Describe(errorCode);
}
