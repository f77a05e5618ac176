using System.Diagnostics;
using System.Globalization;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>
/// The plain ffmpeg CLI on the same input with the same libx264 preset, bitrate and B-frames, one thread (one node's
/// budget), audio copied, into an MP4: what one machine does without the cluster.
/// </summary>
internal static class FFmpegBaselineRun
{
    public const string Name = "ffmpeg -threads 1";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    public static async Task<ClusterBenchRun> RunAsync(ClusterBenchOptions options, string input, int frames, string output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inv = CultureInfo.InvariantCulture;
        string[] arguments =
        [
            "-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-i", input, "-map", "0",
            "-c:v", "libx264", "-preset", options.Preset, "-b:v", options.Bitrate.ToString(inv),
            "-bf", SegmentEncodeSettings.MaxBFrames.ToString(inv), "-threads", "1",
            "-c:a", "copy", output,
        ];
        var clock = Stopwatch.StartNew();
        var result = await MediaToolRunner.RunAsync(MediaToolRunner.FFmpeg, arguments, Timeout, ct).ConfigureAwait(false);
        clock.Stop();
        File.Delete(output);
        return result.Succeeded
            ? new ClusterBenchRun(Name, 0, frames, clock.Elapsed, [], [])
            : throw new MediaLibraryException($"{Name} failed: {result.LastErrorLine}");
    }
}
