using Spectre.Console.Testing;
using Vtr.Cli.Benchmarks.Quality;
using Vtr.Cli.Media;
using Vtr.Client.Cli.Tests.Media;

namespace Vtr.Client.Cli.Tests.Benchmarks;

/// <summary>
/// A tiny `vtr bench quality` end to end: real ffmpeg encodes and measures, real embedded clusters with x264. Checks
/// what must hold whatever the machine: each mode's four points climb in bits and quality on both sides, bitrate mode
/// lands near its targets, and both modes get a BD-rate for every cluster size.
/// </summary>
public sealed class QualityBenchmarkTests
{
    private static readonly QualityBenchOptions Tiny = new()
    {
        Width = 320,
        Height = 180,
        Seconds = 2,
        SegmentSeconds = 1,
        Preset = "ultrafast",
        NodeCounts = [1, 2],
        Bitrates = [150_000, 300_000, 600_000, 1_200_000],
    };

    [FfmpegFact]
    public async Task A_tiny_run_measures_every_point_and_reports_a_bd_rate_per_mode_and_cluster()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var report = await QualityBenchmark.RunAsync(Tiny, _ => { }, timeout.Token);

        Assert.Equal(8, report.Rows.Length);
        foreach (var mode in (string[])[QualityBenchmark.BitrateMode, QualityBenchmark.CrfMode])
        {
            var rows = report.Rows.Where(r => r.Mode == mode).ToList();
            Assert.Equal(4, rows.Count);
            Assert.All(rows.Select(r => r.Ffmpeg).Concat(rows.SelectMany(r => r.Split)), m => Assert.InRange(m.Ssim, 0.5, 1.0));

            for (var i = 1; i < rows.Count; i++)
            {
                Assert.True(rows[i].Ffmpeg.Kbps > rows[i - 1].Ffmpeg.Kbps && rows[i].Ffmpeg.Psnr > rows[i - 1].Ffmpeg.Psnr, $"{mode} ffmpeg point {i}");
                Assert.True(rows[i].Split[0].Kbps > rows[i - 1].Split[0].Kbps && rows[i].Split[0].Psnr > rows[i - 1].Split[0].Psnr, $"{mode} vtr point {i}");
            }

            Assert.All(Enumerable.Range(0, Tiny.NodeCounts.Length), cluster => Assert.NotNull(report.BdRate(mode, cluster)));
            Assert.All(Enumerable.Range(0, Tiny.NodeCounts.Length), cluster => Assert.NotNull(report.BdRateOverSegmentIdr(mode, cluster)));
            Assert.NotNull(report.BdRateOfSegmentIdr(mode));
        }

        // The split encode's bitrate points land near what was asked (2 s is short, so the bound is loose).
        var bitrates = report.Rows.Where(r => r.Mode == QualityBenchmark.BitrateMode).Select(r => r.Split[0].Kbps).ToList();
        Assert.All(bitrates.Zip(Tiny.Bitrates), pair => Assert.InRange(pair.First, pair.Second / 1000 * 0.8, pair.Second / 1000 * 1.2));

        var console = new TestConsole().Width(160);
        console.Write(QualityBenchTable.Render(report));
        Assert.Contains("BD-rate", console.Output, StringComparison.Ordinal);
        Assert.Contains("vtr, 2 nodes", console.Output, StringComparison.Ordinal);
        Assert.All(report.Rows, row => Assert.Equal([2, 2], row.SplitSegments.ToArray()));
    }

    [FfmpegFact]
    public async Task By_default_the_split_is_cut_as_vtr_transcode_cuts_it_for_each_cluster_size()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var sized = Tiny with { Seconds = 8, SegmentSeconds = null, NodeCounts = [1, 2], Crfs = [40, 34, 28, 22] };

        var report = await QualityBenchmark.RunAsync(sized, _ => { }, timeout.Token);

        // One keyframe a second, but the count rule's 2 s and 1 s segments are under the floors: crf mode takes the
        // largest multiple of the sessions whose segments reach 3 s (2 of 4 s on either cluster), bitrate mode never
        // cuts under 5 s, so the 8 s clip stays one segment there.
        Assert.All(report.Rows.Where(r => r.Mode == QualityBenchmark.CrfMode), row => Assert.Equal([2, 2], row.SplitSegments.ToArray()));
        Assert.All(report.Rows.Where(r => r.Mode == QualityBenchmark.BitrateMode), row => Assert.Equal([1, 1], row.SplitSegments.ToArray()));
        Assert.All(report.Rows, row => Assert.Null(row.FfmpegSegmentIdr)); // no single IDR grid to compare with
        Assert.NotNull(report.BdRate(QualityBenchmark.CrfMode, 1));
        var console = new TestConsole().Width(160);
        console.Write(QualityBenchTable.Render(report));
        var title = System.Text.RegularExpressions.Regex.Replace(console.Output, @"\s+", " "); // the title wraps at the table's width
        Assert.Contains("segments sized for the cluster (bitrate: 1 node: 1 of ~8 s, 2 nodes: 1 of ~8 s; crf: 1 node: 2 of ~4 s, 2 nodes: 2 of ~4 s)",
            title, StringComparison.Ordinal);
    }

    [FfmpegFact]
    public async Task The_reference_clip_has_a_keyframe_at_every_segment_start_and_nowhere_else()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var folder = Directory.CreateTempSubdirectory("vtr-bench-clip-").FullName;
        try
        {
            // At 960x540 and up, x264's scene-cut detection put keyframes at 1.67 and 3.67 s of testsrc2 with -g 60 alone.
            var path = Path.Combine(folder, "clip.mp4");
            await QualityBenchmark.CreateClipAsync(new QualityBenchOptions { Width = 960, Height = 540, Seconds = 6, SegmentSeconds = 2 }, path, timeout.Token);

            var info = MediaProbe.Probe(path);
            var keyframes = info.VideoPackets.Where(p => p.IsKeyframe).Select(p => Math.Round(info.ToSeconds(p.Pts), 3)).Order();
            Assert.Equal([0.0, 2.0, 4.0], keyframes);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
