namespace Vtr.Testing.Skips;

/// <summary>A fact that needs FFmpeg's libraries (and optionally named encoders); skipped with the reason otherwise.</summary>
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute(params string[] encoders) => Skip = SkipReasons.MissingNativeFfmpeg(encoders);

    /// <summary>Also skip (with the reason) where descriptors cannot be counted through /proc/self/fd.</summary>
    public bool CountsDescriptors
    {
        get => false;
        init => Skip ??= value ? SkipReasons.MissingDescriptorCount : null;
    }
}
