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
            ["H264", "Hevc"])).ToImmutableArray();
        var jobs = Enumerable.Range(0, 3).Select(i => new JobView(
            JobId.New("vtr-transcode-from-a-long-client-name"), "editor-macbook-pro.local/vtr-transcode", "hevc", 40, 10 + i, 20, 8)).ToImmutableArray();
        var console = new TestConsole().Width(80);

        console.Write(ClusterStatusView.Render(new ClusterStatus(nodes, jobs)));

        var lines = console.Output.Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Contains(lines, l => l.Contains("212.5", StringComparison.Ordinal) && l.Contains("3/4", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(jobs[0].JobId.Short, StringComparison.Ordinal) && l.Contains("10/40", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(jobs[0].JobId.Value, StringComparison.Ordinal));
    }
}
