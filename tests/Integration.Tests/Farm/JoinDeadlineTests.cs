using System.Diagnostics;
using Vtr.Cli.Commands;
using Vtr.Integration.Tests.Cluster;

namespace Vtr.Integration.Tests.Farm;

/// <summary>A seed that is not running is reported in one line within 3 s; a node keeps waiting for it, as a daemon should.</summary>
[Trait("Category", "Native")]
public sealed class JoinDeadlineTests : IDisposable
{
    private static readonly TimeSpan RefusedBudget = TimeSpan.FromSeconds(3);
    private readonly LocalFarm _farm = new();

    public void Dispose() => _farm.Dispose();

    [BackendFact(GeneratesClips = true)]
    public async Task Transcode_and_status_against_a_closed_port_fail_in_one_line_within_3_s()
    {
        var closed = $"127.0.0.1:{LocalFarm.FreePort()}";
        foreach (var args in new[] { new[] { "transcode", "--seed", closed }, ["status", "--seed", closed] })
        {
            var clock = Stopwatch.StartNew();
            var (code, _, error) = await _farm.RunAsync(TimeSpan.FromSeconds(30), args);

            Assert.True(clock.Elapsed < RefusedBudget + TimeSpan.FromSeconds(1), $"vtr {args[0]} took {clock.Elapsed} (process start included)");
            Assert.Equal((int)ExitCode.ClusterUnreachable, code);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Contains("connection refused", line, StringComparison.Ordinal);
            Assert.StartsWith($"vtr {args[0]}:", line, StringComparison.Ordinal);
        }
    }

    [BackendFact(GeneratesClips = true)]
    public async Task A_node_started_before_its_seed_says_so_and_joins_when_the_seed_comes()
    {
        var port = LocalFarm.FreePort(1);
        var node = _farm.Start("node", "--seed", $"127.0.0.1:{port}", "--listen", $"127.0.0.1:{LocalFarm.FreePort(10000)}");
        await node.WaitForLineAsync("no vtr seed answers", RefusedBudget + TimeSpan.FromSeconds(5));

        await _farm.StartMemberAsync("seed", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await node.WaitForLineAsync("joined the cluster as node", LocalFarm.JoinTimeout);
    }
}
