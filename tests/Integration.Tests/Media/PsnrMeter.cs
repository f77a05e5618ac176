using System.Globalization;
using System.Text;

using Vtr.Testing.Processes;

namespace Vtr.Integration.Tests.Media;

/// <summary>
/// Whole-clip PSNR of an output against its source, measured by FFmpeg's own decoders and psnr filter (nothing of
/// ours in the measurement). Like the filter's summary line, it averages the per-frame MSE and converts once.
/// </summary>
public static class PsnrMeter
{
    public static async Task<double> MeasureAsync(string outputPath, string sourcePath, TimeSpan timeout)
    {
        var mse = await FrameMeanSquaredErrorsAsync(outputPath, sourcePath, timeout);
        return mse.Count == 0
            ? throw new InvalidOperationException("the psnr filter reported no frames")
            : Vtr.Shared.Media.Psnr.FromMeanSquaredError(mse.Average());
    }

    /// <summary>The filter's <c>mse_avg</c> of every frame of the output, in presentation order.</summary>
    public static async Task<IReadOnlyList<double>> FrameMeanSquaredErrorsAsync(string outputPath, string sourcePath, TimeSpan timeout)
    {
        // stats_file=- puts one "n:.. mse_avg:.. " line per frame on stdout, which ToolRun.FfmpegPipeAsync returns.
        var stats = await ToolRun.FfmpegPipeAsync(
            ["-hide_banner", "-nostdin", "-loglevel", "error", "-i", outputPath, "-i", sourcePath,
             "-lavfi", "[0:v:0][1:v:0]psnr=stats_file=-", "-f", "null", "-"], timeout);
        var mse = new List<double>();
        foreach (var line in Encoding.ASCII.GetString(stats).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var field = line.Split(' ').FirstOrDefault(f => f.StartsWith("mse_avg:", StringComparison.Ordinal));
            if (field is not null)
            {
                mse.Add(double.Parse(field["mse_avg:".Length..], CultureInfo.InvariantCulture));
            }
        }

        return mse;
    }
}
