using System.Collections.Immutable;
using System.Globalization;

namespace Vtr.Cli.Media;

/// <summary>
/// The per-frame lines FFmpeg's quality filters write to their stats file, one frame a line of space-separated
/// <c>name:value</c> fields (psnr: "n:1 mse_avg:6.5 mse_y:…", ssim: "n:1 Y:… All:0.98 (17.2)").
/// </summary>
public static class FilterStats
{
    /// <summary>The value of field <paramref name="name"/> on every line that has it, in frame order.</summary>
    public static ImmutableArray<double> Values(string stats, string name)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var prefix = name + ":";
        var values = ImmutableArray.CreateBuilder<double>();
        foreach (var line in stats.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var field in line.Split(' '))
            {
                if (field.StartsWith(prefix, StringComparison.Ordinal)
                    && double.TryParse(field.AsSpan(prefix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    values.Add(value);
                }
            }
        }

        return values.ToImmutable();
    }
}
