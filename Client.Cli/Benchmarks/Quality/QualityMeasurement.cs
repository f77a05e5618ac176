using System.Globalization;
using System.Text.RegularExpressions;
using Vtr.Cli.Media;

namespace Vtr.Cli.Benchmarks.Quality;

/// <summary>One encode's video bitrate and its PSNR (Y+U+V average) and SSIM (All) against the source.</summary>
public sealed record QualityMeasure(double Kbps, double Psnr, double Ssim)
{
    public RatePoint RatePoint => new(Kbps, Psnr);
}

/// <summary>Measures an encode with the FFmpeg tools: ffprobe's video stream bit rate, the psnr and ssim filters in one pass.</summary>
internal static partial class QualityMeasurement
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<QualityMeasure> MeasureAsync(string encoded, string source, CancellationToken ct)
    {
        var probe = await MediaToolRunner.RunAsync(MediaToolRunner.FFprobe,
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=bit_rate", "-of", "csv=p=0", encoded], Timeout, ct).ConfigureAwait(false);
        if (!probe.Succeeded || !double.TryParse(probe.StandardOutput.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var bitsPerSecond))
        {
            throw new MediaProcessingException($"ffprobe could not read the bit rate of '{encoded}': {probe.LastErrorLine}");
        }

        var compare = await MediaToolRunner.RunAsync(MediaToolRunner.FFmpeg,
            ["-hide_banner", "-nostdin", "-i", encoded, "-i", source,
             "-lavfi", "[0:v:0]split[a][b];[1:v:0]split[c][d];[a][c]psnr;[b][d]ssim", "-f", "null", "-"], Timeout, ct).ConfigureAwait(false);
        var psnr = PsnrAverage().Match(compare.StandardError);
        var ssim = SsimAll().Match(compare.StandardError);
        if (!compare.Succeeded || !psnr.Success || !ssim.Success)
        {
            throw new MediaProcessingException($"ffmpeg could not compare '{encoded}' with its source: {compare.LastErrorLine}");
        }

        return new QualityMeasure(bitsPerSecond / 1000, Number(psnr), Number(ssim));
    }

    private static double Number(Match match) => double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"PSNR .*average:([0-9.]+)")]
    private static partial Regex PsnrAverage();

    [GeneratedRegex(@"SSIM .*All:([0-9.]+)")]
    private static partial Regex SsimAll();
}
