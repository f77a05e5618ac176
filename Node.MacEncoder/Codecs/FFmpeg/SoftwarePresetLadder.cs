namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>The x264/x265 preset ladder, fastest first (both libraries share the names).</summary>
public static class SoftwarePresetLadder
{
    public static IReadOnlyList<string> Presets { get; } =
        ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo"];

    public static bool IsKnown(string preset) => IndexOf(preset) >= 0;

    /// <summary>
    /// The base preset moved one step faster when the client asks for speed (prio_speed=1 or realtime=1),
    /// one step slower for prio_speed=0; clamped to the ladder.
    /// </summary>
    public static string Effective(string basePreset, EncoderOptions options)
    {
        var index = IndexOf(basePreset);
        if (index < 0)
        {
            throw new CodecException($"unknown software preset '{basePreset}'; use one of {string.Join(", ", Presets)}");
        }

        if (options.PrioritizeSpeed == 1 || options.Realtime == 1)
        {
            index--;
        }
        else if (options.PrioritizeSpeed == 0)
        {
            index++;
        }

        return Presets[Math.Clamp(index, 0, Presets.Count - 1)];
    }

    private static int IndexOf(string preset)
    {
        for (var i = 0; i < Presets.Count; i++)
        {
            if (string.Equals(Presets[i], preset, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
