namespace Vtr.Testing.Skips;

/// <summary>
/// A fact that runs the node's libavcodec backend (libx264/libx265); skipped with the reason where it cannot load.
/// </summary>
public sealed class BackendFactAttribute : FactAttribute
{
    public BackendFactAttribute() => Skip = SkipReasons.MissingBackend;

    /// <summary>Also skip (with the reason) where descriptors cannot be counted through /proc/self/fd.</summary>
    public bool CountsDescriptors
    {
        get => false;
        init => Skip ??= value ? SkipReasons.MissingDescriptorCount : null;
    }

    /// <summary>Also skip (with the reason) where listening sockets cannot be read from /proc/net/tcp.</summary>
    public bool ReadsSocketTable
    {
        get => false;
        init => Skip ??= value ? SkipReasons.MissingSocketTable : null;
    }

    /// <summary>Also skip where the ffmpeg/ffprobe CLIs are missing (the test generates its clip with them).</summary>
    public bool GeneratesClips
    {
        get => false;
        init => Skip ??= value ? SkipReasons.MissingFfmpegCli : null;
    }
}
