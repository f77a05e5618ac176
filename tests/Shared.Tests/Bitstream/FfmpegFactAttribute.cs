namespace Vtr.Shared.Tests.Bitstream;

/// <summary>
/// A fact that needs the ffmpeg CLI (with libx264/libx265) to generate its samples. xunit 2 has no
/// dynamic skip, so the attribute sets <see cref="FactAttribute.Skip"/> with the reason when ffmpeg
/// is not on PATH; the test then shows as skipped instead of silently passing.
/// </summary>
public sealed class FfmpegFactAttribute : FactAttribute
{
    public FfmpegFactAttribute()
    {
        if (FfmpegLocator.Path is null)
        {
            Skip = "ffmpeg is not on PATH; these tests generate their H.264/HEVC samples with it.";
        }
    }
}

/// <summary>Finds the ffmpeg executable once per test run.</summary>
internal static class FfmpegLocator
{
    private static readonly Lazy<string?> Located = new(Find);

    public static string? Path => Located.Value;

    private static string? Find()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator);
        foreach (var directory in directories)
        {
            foreach (var name in new[] { "ffmpeg", "ffmpeg.exe" })
            {
                var candidate = System.IO.Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

/// <summary>The theory form of <see cref="FfmpegFactAttribute"/>.</summary>
public sealed class FfmpegTheoryAttribute : TheoryAttribute
{
    public FfmpegTheoryAttribute()
    {
        if (FfmpegLocator.Path is null)
        {
            Skip = "ffmpeg is not on PATH; these tests generate their H.264/HEVC samples with it.";
        }
    }
}
