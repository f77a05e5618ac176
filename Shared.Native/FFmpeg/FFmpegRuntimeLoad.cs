namespace Vtr.Native.FFmpeg;

/// <summary>
/// Loads one of the FFmpeg runtimes (<see cref="FFmpegRuntime"/>, <see cref="AvFormatRuntime"/>) for a caller that
/// reports a missing or unsupported FFmpeg as its own failure: the node as a codec failure its sessions send to the
/// client, the CLI as a media-library failure its commands print. The two exception types stay apart because each
/// belongs to its side's hierarchy (CodecException, MediaException), which the handlers there switch on.
/// </summary>
public static class FFmpegRuntimeLoad
{
    /// <summary>
    /// <paramref name="load"/>'s runtime; an <see cref="FFmpegUnavailableException"/> becomes
    /// <paramref name="unavailable"/>(its message, itself), so the install hint reaches the user unchanged.
    /// </summary>
    public static TRuntime Or<TRuntime>(Func<TRuntime> load, Func<string, Exception, Exception> unavailable)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(unavailable);
        try
        {
            return load();
        }
        catch (FFmpegUnavailableException e)
        {
            throw unavailable(e.Message, e);
        }
    }
}
