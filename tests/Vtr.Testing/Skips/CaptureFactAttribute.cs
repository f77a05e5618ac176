namespace Vtr.Testing.Skips;

/// <summary>A fact that replays the VTR1 captures; skipped with the reason where they are absent.</summary>
public sealed class CaptureFactAttribute : FactAttribute
{
    public CaptureFactAttribute() => Skip = SkipReasons.MissingCaptures;
}

/// <summary>The theory form of <see cref="CaptureFactAttribute"/>.</summary>
public sealed class CaptureTheoryAttribute : TheoryAttribute
{
    public CaptureTheoryAttribute() => Skip = SkipReasons.MissingCaptures;
}
