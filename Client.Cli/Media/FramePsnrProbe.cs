using System.Collections.Immutable;
using System.Globalization;

namespace Vtr.Cli.Media;

/// <summary>
/// Per-frame distortion of an output against its source, measured by FFmpeg's psnr filter (its decoders, its
/// arithmetic): one mean squared error per frame, averaged over Y, U and V by pixel count as the filter's
/// <c>mse_avg</c> is, in presentation order.
/// </summary>
public static class FramePsnrProbe
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Throws <see cref="MediaProcessingException"/> when ffmpeg cannot compare the two.</summary>
    public static async Task<ImmutableArray<double>> MeasureAsync(string outputPath, string sourcePath, CancellationToken ct)
    {
        // stats_file=- writes the per-frame lines to stdout; the first input is the "main" one, the second the reference.
        var result = await MediaToolRunner.RunAsync(MediaToolRunner.FFmpeg,
            ["-hide_banner", "-nostdin", "-v", "error", "-i", outputPath, "-i", sourcePath,
             "-lavfi", "[0:v:0][1:v:0]psnr=stats_file=-", "-f", "null", "-"], ToolTimeout, ct).ConfigureAwait(false);
        return result.Succeeded
            ? ParseStats(result.StandardOutput)
            : throw new MediaProcessingException($"ffmpeg could not measure PSNR of '{outputPath}': {result.LastErrorLine}");
    }

    /// <summary>The <c>mse_avg</c> of every "n:1 mse_avg:… mse_y:…" line.</summary>
    public static ImmutableArray<double> ParseStats(string stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var mse = ImmutableArray.CreateBuilder<double>();
        foreach (var line in stats.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var field in line.Split(' '))
            {
                if (field.StartsWith("mse_avg:", StringComparison.Ordinal)
                    && double.TryParse(field.AsSpan("mse_avg:".Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    mse.Add(value);
                }
            }
        }

        return mse.ToImmutable();
    }

    /// <summary>PSNR from a mean squared error in sample units of <paramref name="bitDepth"/> bits (the filter's own
    /// peak); identical pictures are capped at <see cref="MaxPsnr"/>.</summary>
    public static double Psnr(double meanSquaredError, int bitDepth) => Shared.Media.Psnr.FromMeanSquaredError(meanSquaredError, bitDepth);

    /// <summary>What a lossless frame reports (the filter prints "inf"; a number keeps averages and tables finite).</summary>
    public const double MaxPsnr = Shared.Media.Psnr.IdenticalDb;
}
