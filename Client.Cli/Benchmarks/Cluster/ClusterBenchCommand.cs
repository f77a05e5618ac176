using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>`vtr bench cluster --nodes 1,2,4`: the same transcode with k one-session, one-thread nodes against plain ffmpeg.</summary>
public static class ClusterBenchCommand
{
    /// <summary>Columns the tables need when output goes to a file or pipe (Spectre assumes 80 there).</summary>
    private const int TableWidth = 150;

    private static readonly int[] ScalingLadder = [1, 2, 4, 8, 16];

    public static Command Create()
    {
        var clip = new BenchClipOptions(1280, 720, "x264 preset of the nodes and of ffmpeg", 1, "runs per configuration, interleaved; each reports its median");
        var seconds = new Option<double?>("--seconds") { Description = "clip length (25 fps, H.264 + AAC, a keyframe every 0.5 s); default: 4 GOPs per node at the largest k, at least 10 s" };
        var nodes = new Option<string?>("--nodes") { Description = "node counts k to compare, e.g. 1,2,4,8,16 (default: those of 1,2,4,8,16 up to this machine's cores, at least 1,2)" };
        var processes = new Option<bool>("--processes") { Description = "one real `vtr node` process per node (and a `vtr seed`) on free loopback ports, instead of nodes in this process" };
        var pin = new Option<bool>("--pin") { Description = "with --processes: pin node i to core i (taskset, Linux)" };
        var segmentSeconds = new Option<double?>("--segment-seconds") { Description = "segment length (default: sized for the cluster, as vtr transcode does)" };
        var secure = new Option<bool>("--secure") { Description = "instead of the node counts: pairs with and without farm TLS on the segments (the cost of a secured farm)" };
        var noQualityCheck = new Option<bool>("--no-quality-check") { Description = "skip the per-segment PSNR/SSIM check, as vtr transcode --no-quality-check (the check's share of a node's time; nodes still decode their segments)" };
        var command = new Command("cluster", "Transcode one generated clip with k one-session, one-thread nodes and with ffmpeg -threads 1: speed-up and efficiency per k");
        clip.AddTo(command);
        foreach (var option in (Option[])[seconds, nodes, processes, pin, segmentSeconds, secure, noQualityCheck])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var counts = parse.GetValue(nodes) is { } list ? ParseNodeCounts(list) : DefaultNodeCounts(Environment.ProcessorCount);
            var options = new ClusterBenchOptions
            {
                Width = parse.GetValue(clip.Width),
                Height = parse.GetValue(clip.Height),
                Seconds = parse.GetValue(seconds),
                SegmentSeconds = parse.GetValue(segmentSeconds),
                Nodes = counts ?? [],
                Processes = parse.GetValue(processes),
                Pin = parse.GetValue(pin),
                Preset = parse.GetValue(clip.Preset)!,
                Rounds = clip.RoundsOf(parse),
                Secure = parse.GetValue(secure),
                QualityCheck = !parse.GetValue(noQualityCheck),
            };
            if ((counts is null ? NodesProblem : clip.Problem(parse, evenSides: false) ?? Problem(options)) is { } problem)
            {
                return await BenchRun.RefuseAsync(parse, "cluster", problem).ConfigureAwait(false);
            }

            if (options.Pin && !BenchProcess.CanPin())
            {
                AnsiConsole.MarkupLine("[yellow]vtr bench cluster: taskset is not available here, so nodes run unpinned[/]");
                options = options with { Pin = false };
            }

            // A `vtr seed`/`vtr node` child that exits before it joins, or no free port pair, is an InvalidOperationException.
            return await BenchRun.RunAsync(parse, "cluster", TableWidth, async progress =>
                    ClusterBenchTable.Render(await ClusterBenchmark.RunAsync(options, progress, ct).ConfigureAwait(false)),
                alsoExpected: ex => ex is InvalidOperationException).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>"1,2,4" → [1, 2, 4]; null when an entry is not a count from 1 to 64.</summary>
    internal static ImmutableArray<int>? ParseNodeCounts(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var counts = ImmutableArray.CreateBuilder<int>();
        foreach (var entry in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k is < 1 or > 64)
            {
                return null;
            }

            counts.Add(k);
        }

        return counts.Count == 0 ? null : counts.ToImmutable();
    }

    /// <summary>The ladder 1, 2, 4, 8, 16 up to <paramref name="cores"/> (a node per core), and always 1 and 2.</summary>
    internal static ImmutableArray<int> DefaultNodeCounts(int cores) => [.. ScalingLadder.Where(k => k <= Math.Max(2, cores))];

    private const string NodesProblem = "--nodes takes counts from 1 to 64 separated by commas, e.g. 1,2,4";

    private static string? Problem(ClusterBenchOptions options) =>
        options.Seconds is <= 0 || options.SegmentSeconds is <= 0 ? "--seconds and --segment-seconds must be positive"
        : options.Pin && !options.Processes ? "--pin needs --processes (nodes inside this process share its threads)"
        : options.Secure && options.Processes ? "--secure runs its pairs in this process; leave out --processes"
        : null;
}
