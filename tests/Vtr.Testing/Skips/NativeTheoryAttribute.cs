namespace Vtr.Testing.Skips;

/// <summary>A theory that needs FFmpeg's libraries (and optionally named encoders); skipped with the reason otherwise.</summary>
public sealed class NativeTheoryAttribute : TheoryAttribute
{
    public NativeTheoryAttribute(params string[] encoders) => Skip = SkipReasons.MissingNativeFfmpeg(encoders);
}
