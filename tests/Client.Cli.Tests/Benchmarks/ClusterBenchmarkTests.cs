using Spectre.Console.Testing;
using Vtr.Cli.Benchmarks.Cluster;
using Vtr.Client.Cli.Tests.Media;

namespace Vtr.Client.Cli.Tests.Benchmarks;

/// <summary>
/// A tiny `vtr bench cluster` end to end (real ffmpeg, real embedded clusters, real x264) and the table's arithmetic on
/// made-up runs. Never asserts timings.
/// </summary>
public sealed class ClusterBenchmarkTests
{
    private static readonly ClusterBenchOptions Tiny = new()
    {
        Width = 320,
        Height = 240,
        Seconds = 5, // 10 GOPs of 0.5 s: room for 4 segments per node at k = 2
        Nodes = [1, 2],
        Preset = "ultrafast",
        Bitrate = 500_000,
    };

    [FfmpegFact]
    public async Task A_tiny_run_reports_every_node_count_with_all_frames_and_segments_sized_for_each_cluster()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var report = await ClusterBenchmark.RunAsync(Tiny, _ => { }, timeout.Token);

        Assert.Equal("ffmpeg -threads 1", report.SingleThreadFFmpeg.Name);
        Assert.Equal(["1 node", "2 nodes"], report.ClusterRuns.Select(run => run.Name));
        Assert.All(report.ClusterRuns, run => Assert.Equal(report.Frames, run.SegmentFrames.Sum()));
        Assert.All(report.ClusterRuns, run => Assert.Equal(run.SegmentFrames.Length, run.SegmentsPerNode.Sum()));
        Assert.All(report.ClusterRuns, run => Assert.True(run.SegmentFrames.Length >= 4 * run.Nodes, $"{run.Name}: {run.SegmentFrames.Length} segments"));
        Assert.Equal(1.0, report.SpeedUp(report.ClusterRuns[0]));

        var (packets, lz4, raw) = (report.Wire[0], report.Wire[1], report.Wire[2]);
        Assert.Equal(0, raw.Bytes % raw.Frames); // every uncompressed FRAME has the same size...
        Assert.InRange(raw.BytesPerFrame - (Tiny.Width * Tiny.Height * 3 / 2), 1, 256); // ...NV12 planes plus headers
        Assert.InRange(lz4.Bytes, 1, raw.Bytes - 1);
        Assert.InRange(packets.Bytes, 1, lz4.Bytes - 1);
    }

    [Fact]
    public void Speed_up_and_efficiency_are_relative_to_one_node_and_the_best_efficiency_follows_the_segments()
    {
        var one = Run(1, 10, [25, 25, 25, 25]);
        var two = Run(2, 6, [25, 25, 25, 25]);
        var four = Run(4, 5, [30, 30, 20, 20]);
        var report = Report(one, two, four);

        Assert.Equal(1.0, report.SpeedUp(one), 6);
        Assert.Equal(10.0 / 6, report.SpeedUp(two), 6);
        Assert.Equal(10.0 / 6 / 2, report.Efficiency(two), 6);
        Assert.Equal(0.5, report.Efficiency(four), 6);
        Assert.Equal(1.0, ClusterBenchReport.BestEfficiency(two), 6); // 4 equal segments on 2 nodes: 2 each
        Assert.Equal(100.0 / (4 * 30), ClusterBenchReport.BestEfficiency(four), 6); // the longest segment sets the pace
        Assert.Equal(2.0, report.RatioToSingleThread(two), 6); // 100 frames in 6 s vs ffmpeg's 12 s
    }

    [Fact]
    public void A_baseline_run_of_several_nodes_is_scaled_to_one_node()
    {
        var two = Run(2, 10, [25, 25, 25, 25]);
        var four = Run(4, 5, [25, 25, 25, 25]);

        var report = Report(two, four);

        Assert.Equal(2.0, report.SpeedUp(two), 6);
        Assert.Equal(1.0, report.Efficiency(four), 6);
    }

    [Theory]
    [InlineData(new[] { 10, 10, 10, 10, 10 }, 2, 50.0 / (2 * 30))] // 5 equal segments on 2 nodes: 3 and 2
    [InlineData(new[] { 10, 10, 10, 10 }, 4, 1.0)]
    [InlineData(new[] { 10, 10 }, 4, 0.5)] // fewer segments than nodes: two nodes idle
    [InlineData(new[] { 40, 10, 10, 10, 10, 10, 10 }, 2, 1.0)] // 40 | 10×6: dealt longest first, both get 60
    [InlineData(new[] { 10 }, 1, 1.0)]
    public void Whole_segments_bound_the_efficiency(int[] segments, int nodes, double expected)
    {
        Assert.Equal(expected, SegmentScheduleBound.BestEfficiency(segments, nodes), 6);
    }

    [Fact]
    public void The_median_round_is_reported()
    {
        var runs = new[] { Run(1, 12, [100]), Run(1, 10, [100]), Run(1, 30, [100]) };

        Assert.Equal(TimeSpan.FromSeconds(12), ClusterBenchRun.Median(runs).Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(10), ClusterBenchRun.Median(runs[..2]).Elapsed);
    }

    [Fact]
    public void Node_counts_parse_from_a_comma_list_and_default_to_the_ladder_up_to_the_cores()
    {
        Assert.Equal([1, 2, 4, 8, 16], ClusterBenchCommand.ParseNodeCounts("1,2,4,8,16")!.Value.ToArray());
        Assert.Equal([3], ClusterBenchCommand.ParseNodeCounts(" 3 ")!.Value.ToArray());
        Assert.Null(ClusterBenchCommand.ParseNodeCounts("1,zero"));
        Assert.Null(ClusterBenchCommand.ParseNodeCounts("0"));
        Assert.Null(ClusterBenchCommand.ParseNodeCounts(","));
        Assert.Equal([1, 2], ClusterBenchCommand.DefaultNodeCounts(1).ToArray());
        Assert.Equal([1, 2], ClusterBenchCommand.DefaultNodeCounts(2).ToArray());
        Assert.Equal([1, 2, 4, 8], ClusterBenchCommand.DefaultNodeCounts(12).ToArray());
        Assert.Equal([1, 2, 4, 8, 16], ClusterBenchCommand.DefaultNodeCounts(64).ToArray());
    }

    [Fact]
    public void Node_counts_become_one_configuration_each_and_secure_runs_pairs_that_differ_only_in_tls()
    {
        Assert.Equal(["1 node", "2 nodes", "4 nodes"], ClusterScenario.For(Tiny with { Nodes = [1, 2, 4] }).Select(s => s.Name));
        Assert.All(ClusterScenario.For(Tiny with { Nodes = [1, 2, 4] }), s => Assert.False(s.Tls));

        var secure = ClusterScenario.For(Tiny with { Secure = true });

        Assert.Equal(6, secure.Length);
        Assert.All(secure.Chunk(2), pair => Assert.Equal(
            (pair[0].Nodes, pair[0].Transport, pair[0].Compression, false, true),
            (pair[1].Nodes, pair[1].Transport, pair[1].Compression, pair[0].Tls, pair[1].Tls)));
    }

    [Fact]
    public void The_table_has_a_row_per_node_count_with_speed_up_efficiency_and_the_segment_split()
    {
        var report = Report(Run(1, 10, [25, 25, 25, 25], [4]), Run(2, 6, [25, 25, 25, 25], [3, 1]));
        var console = new TestConsole().Width(200);

        console.Write(ClusterBenchTable.Render(report));

        var rows = console.Output.Split('\n');
        Assert.Contains(rows, r => r.Contains("ffmpeg -threads 1", StringComparison.Ordinal) && r.Contains("12.00 s", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("2 nodes", StringComparison.Ordinal) && r.Contains("1.67x", StringComparison.Ordinal)
            && r.Contains("0.83", StringComparison.Ordinal) && r.Contains("1.00", StringComparison.Ordinal) && r.Contains("4: 3 · 1", StringComparison.Ordinal));
        Assert.Contains("nodes in-process", console.Output, StringComparison.Ordinal);
        Assert.Contains("check on", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_says_when_the_per_segment_check_was_off()
    {
        var report = Report(Run(1, 10, [25, 25, 25, 25], [4])) with { Options = Tiny with { QualityCheck = false } };
        var console = new TestConsole().Width(400);

        console.Write(ClusterBenchTable.Render(report));

        // The caption wraps to the table's width: compare with the line breaks and their indentation folded.
        var caption = string.Join(' ', console.Output.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("per-segment check off (--no-quality-check)", caption, StringComparison.Ordinal);
    }

    private static ClusterBenchRun Run(int nodes, double seconds, int[] segments, int[]? perNode = null) =>
        new(ClusterTranscodeRun.Name(nodes), nodes, segments.Sum(), TimeSpan.FromSeconds(seconds), [.. segments], [.. perNode ?? [segments.Length]]);

    private static ClusterBenchReport Report(params ClusterBenchRun[] runs) => new(
        Tiny, 100, new ClusterBenchRun("ffmpeg -threads 1", 0, 100, TimeSpan.FromSeconds(12), [], []), [.. runs], [], "1 1 1", "1 1 1");
}
