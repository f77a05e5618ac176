using System.Diagnostics;
using System.Globalization;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>
/// The plain ffmpeg CLI on the same input with the same libx264 preset, bitrate and B-frames, audio copied, into an
/// MP4: what one machine does without the cluster. Threads 1 is one node's budget; 0 lets libx264 pick (all cores).
/// </summary>
internal static class FFmpegBaselineRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static string Name(int threads) => threads == 0 ? "ffmpeg -threads 0 (auto)" : $"ffmpeg -threads {threads}";

    public static async Task<ClusterBenchRun> RunAsync(
        ClusterBenchOptions options, int threads, string input, int frames, string output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inv = CultureInfo.InvariantCulture;
        string[] arguments =
        [
            "-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-i", input, "-map", "0",
            "-c:v", "libx264", "-preset", options.Preset, "-b:v", options.Bitrate.ToString(inv),
            "-bf", SegmentEncodeSettings.MaxBFrames.ToString(inv), "-threads", threads.ToString(inv),
            "-c:a", "copy", output,
        ];
        var clock = Stopwatch.StartNew();
        var result = await MediaToolRunner.RunAsync(MediaToolRunner.FFmpeg, arguments, Timeout, ct).ConfigureAwait(false);
        clock.Stop();
        File.Delete(output);
        return result.Succeeded
            ? new ClusterBenchRun(Name(threads), frames, clock.Elapsed, [])
            : throw new MediaLibraryException($"{Name(threads)} failed: {result.LastErrorLine}");
    }
}
