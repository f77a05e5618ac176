namespace Vtr.Native.FFmpeg;

/// <summary>
/// FFmpeg cannot be used here: a library is missing, or its release is not one the layout tables know. The message
/// says what to install; the node reports it as a codec failure, the CLI as a media-library failure.
/// </summary>
public sealed class FFmpegUnavailableException : Exception
{
    public FFmpegUnavailableException()
    {
    }

    public FFmpegUnavailableException(string message)
        : base(message)
    {
    }

    public FFmpegUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
