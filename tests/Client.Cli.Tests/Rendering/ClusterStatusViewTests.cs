using System.Collections.Immutable;
using Spectre.Console.Testing;
using Vtr.Cli.Rendering;
using Vtr.Shared.Cluster;

namespace Vtr.Client.Cli.Tests.Rendering;

public sealed class ClusterStatusViewTests
{
    [Fact]
    public void A_busy_farm_fits_80_columns_with_short_job_ids_and_real_fps()
    {
        var nodes = Enumerable.Range(0, 12).Select(i => new NodeView(
            new NodeId($"studio-mac-pro-{i}.local:5555"), $"studio-mac-pro-{i}.local", 5555, "videotoolbox", true, 4, 3, 2, 212.5 + i,
            ["H264", "Hevc"], "0.1.0+c925ba3")).ToImmutableArray();
        var jobs = Enumerable.Range(0, 3).Select(i => new JobView(
            JobId.New("vtr-transcode-from-a-long-client-name"), "editor-macbook-pro.local/vtr-transcode", "hevc", 40, 10 + i, 20, 8)).ToImmutableArray();
        var console = new TestConsole().Width(80);

        console.Write(ClusterStatusView.Render(new ClusterStatus(nodes, jobs), "0.1.0+c925ba3"));

        var lines = console.Output.Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Contains(lines, l => l.Contains("212.5", StringComparison.Ordinal) && l.Contains("3/4", StringComparison.Ordinal)
            && l.Contains("0.1.0+c925ba3", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("warning", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(jobs[0].JobId.Short, StringComparison.Ordinal) && l.Contains("10/40", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(jobs[0].JobId.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreachable_node_gets_a_line_saying_since_when_and_no_stale_fps_within_80_columns()
    {
        ImmutableArray<NodeView> nodes =
        [
            new(new NodeId("studio-mac-pro-1.local:5555"), "studio-mac-pro-1.local", 5555, "videotoolbox", true, 4, 4, 4, 212.5, ["H264", "Hevc"], "0.1.0+c925ba3"),
            new(new NodeId("studio-mac-pro-2.local:5555"), "studio-mac-pro-2.local", 5555, "videotoolbox", true, 4, 4, 4, 0, ["H264", "Hevc"], "0.1.0+c925ba3", UnreachableSeconds: 3.7),
        ];
        var console = new TestConsole().Width(80);

        console.Write(ClusterStatusView.Render(new ClusterStatus(nodes, []), "0.1.0+c925ba3"));

        var lines = console.Output.Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= 80, $"{line.Length} columns: {line}"));
        var marks = lines.Where(l => l.Contains("unreachable", StringComparison.Ordinal)).ToList();
        Assert.Equal("studio-mac-pro-2.loc… unreachable for 3 s (segments move elsewhere at 5 s)", Assert.Single(marks).Trim()); // not wrapped
        var rows = lines.Where(l => l.Contains("4/4", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("212.5", rows[0], StringComparison.Ordinal);
        Assert.DoesNotContain(" 0.0 ", rows[1], StringComparison.Ordinal); // the killed node's stale fps is not shown
    }

    [Fact]
    public void Members_on_different_versions_get_one_warning_line_naming_each_version_and_who_runs_it()
    {
        ImmutableArray<NodeView> nodes =
        [
            Node("mac-1", "0.1.0+c925ba3"),
            Node("mac-2", "0.1.0+c925ba3"),
            Node("mac-3", "0.2.0+0a1b2c3"),
            Node("old-mac", null),
        ];
        var console = new TestConsole().Width(80);

        console.Write(ClusterStatusView.Render(new ClusterStatus(nodes, []), "0.1.0+c925ba3"));

        var lines = console.Output.Split('\n');
        var warning = string.Concat(lines.TakeWhile(l => !l.StartsWith("nodes", StringComparison.Ordinal)).Select(l => l.Trim() + " "));
        Assert.StartsWith("warning: members run different vtr versions", warning, StringComparison.Ordinal);
        Assert.Contains("0.1.0+c925ba3 (seed, 2 nodes)", warning, StringComparison.Ordinal);
        Assert.Contains("0.2.0+0a1b2c3 (1 node)", warning, StringComparison.Ordinal);
        Assert.Contains("unknown (1 node)", warning, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("old-mac", StringComparison.Ordinal) && l.Contains("unknown", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= 80, $"{line.Length} columns: {line}"));
    }

    [Fact]
    public void A_seed_too_old_to_report_its_version_differs_from_nodes_that_do()
    {
        Assert.Equal(
            "warning: members run different vtr versions: 0.1.0+c925ba3 (1 node), unknown (seed); upgrade them to one release",
            VersionSkew.Describe(null, [Node("mac-1", "0.1.0+c925ba3")]));
        Assert.Null(VersionSkew.Describe("0.1.0+c925ba3", [Node("mac-1", "0.1.0+c925ba3")]));
        Assert.Null(VersionSkew.Describe("0.1.0+c925ba3", []));
    }

    private static NodeView Node(string name, string? version) =>
        new(new NodeId($"{name}:5555"), name, 5555, "ffmpeg", false, 2, 0, 0, 0, ["h264"], version);
}
