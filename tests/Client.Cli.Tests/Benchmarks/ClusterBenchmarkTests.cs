using Spectre.Console.Testing;
using Vtr.Cli.Benchmarks.Cluster;
using Vtr.Client.Cli.Tests.Media;

namespace Vtr.Client.Cli.Tests.Benchmarks;

/// <summary>
/// A tiny `vtr bench cluster` end to end: real ffmpeg, real embedded clusters, real x264 (the libraries come with the
/// ffmpeg CLI the fact requires). Never asserts timings.
/// </summary>
public sealed class ClusterBenchmarkTests
{
    private static readonly ClusterBenchOptions Tiny = new()
    {
        Width = 320,
        Height = 240,
        Seconds = 2,
        SegmentSeconds = 0.5,
        Preset = "ultrafast",
        FastPreset = "ultrafast",
        SlowPreset = "veryfast",
        Bitrate = 500_000,
    };

    [FfmpegFact]
    public async Task A_tiny_run_reports_every_configuration_with_positive_fps_and_consistent_byte_accounting()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var report = await ClusterBenchmark.RunAsync(Tiny, _ => { }, timeout.Token);

        Assert.Equal(
            ["ffmpeg -threads 1", "ffmpeg -threads 0 (auto)", "1 node", "2 nodes", "3 nodes", "3 nodes, mixed presets", "3 nodes, raw lz4"],
            report.AllRuns.Select(run => run.Name));
        Assert.All(report.AllRuns, run => Assert.True(run.Fps > 0, $"{run.Name} fps {run.Fps}"));
        Assert.All(report.AllRuns, run => Assert.Equal(report.Frames, run.Frames));
        Assert.All(report.ClusterRuns, run => Assert.Equal(report.Segments, run.Shares.Sum(share => share.Segments)));
        Assert.Equal(1.0, report.SpeedUp(report.ClusterRuns[0]));

        var (packets, lz4, raw) = (report.Wire[0], report.Wire[1], report.Wire[2]);
        Assert.All(report.Wire, load => Assert.Equal(report.Frames, load.Frames));
        Assert.Equal(0, raw.Bytes % raw.Frames); // every uncompressed FRAME has the same size...
        Assert.InRange(raw.BytesPerFrame - (Tiny.Width * Tiny.Height * 3 / 2), 1, 256); // ...NV12 planes plus headers
        Assert.InRange(lz4.Bytes, 1, raw.Bytes - 1);
        Assert.InRange(packets.Bytes, 1, lz4.Bytes - 1);
        Assert.Equal(packets.FpsOn(1e9) * 10, packets.FpsOn(10e9), 6);
        Assert.Equal(1e9 / (raw.BytesPerFrame * 8), raw.FpsOn(1e9), 6);

        var console = new TestConsole().Width(160);
        console.Write(ClusterBenchTable.Render(report));
        Assert.Contains("3 nodes, mixed presets", console.Output, StringComparison.Ordinal);
        Assert.Contains("raw NV12, lz4", console.Output, StringComparison.Ordinal);
    }
}
