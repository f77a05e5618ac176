using Vtr.Native.FFmpeg;

namespace Vtr.Cli.Media;

/// <summary>Base of every media I/O failure; the message is one line a user can act on.</summary>
public class MediaException : Exception
{
    public MediaException()
    {
    }

    public MediaException(string message)
        : base(message)
    {
    }

    public MediaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The input is missing, unreadable, truncated or not a media file.</summary>
public sealed class MediaOpenException : MediaException
{
    public MediaOpenException()
    {
    }

    public MediaOpenException(string message)
        : base(message)
    {
    }

    public MediaOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The media is readable but not something vtr handles (no video, a codec other than H.264/HEVC, an output
/// container other than MP4/MOV/MKV).</summary>
public sealed class UnsupportedMediaException : MediaException
{
    public UnsupportedMediaException()
    {
    }

    public UnsupportedMediaException(string message)
        : base(message)
    {
    }

    public UnsupportedMediaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Reading packets or writing the output failed part-way (I/O error, invalid timestamps, damaged data).</summary>
public sealed class MediaProcessingException : MediaException
{
    public MediaProcessingException()
    {
    }

    public MediaProcessingException(string message)
        : base(message)
    {
    }

    public MediaProcessingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Throws when <paramref name="result"/> is an AVERROR ("av_bsf_init failed: Invalid argument (-22)");
    /// returns it otherwise.</summary>
    public static int ThrowIfError(int result, string operation) =>
        result < 0 ? throw new MediaProcessingException($"{operation} failed: {FFmpegErrors.Describe(result)} ({result})") : result;
}

/// <summary>The FFmpeg libraries or command-line tools are missing or of an unsupported version.</summary>
public sealed class MediaLibraryException : MediaException
{
    public MediaLibraryException()
    {
    }

    public MediaLibraryException(string message)
        : base(message)
    {
    }

    public MediaLibraryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
