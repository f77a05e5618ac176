namespace Vtr.Testing.Skips;

/// <summary>A fact that needs the ffmpeg/ffprobe CLIs; skipped with the reason where they are missing.</summary>
public sealed class FfmpegFactAttribute : FactAttribute
{
    public FfmpegFactAttribute() => Skip = SkipReasons.MissingFfmpegCli;

    public static bool IsAvailable => SkipReasons.MissingFfmpegCli is null;
}

/// <summary>The theory form of <see cref="FfmpegFactAttribute"/>.</summary>
public sealed class FfmpegTheoryAttribute : TheoryAttribute
{
    public FfmpegTheoryAttribute() => Skip = SkipReasons.MissingFfmpegCli;
}
