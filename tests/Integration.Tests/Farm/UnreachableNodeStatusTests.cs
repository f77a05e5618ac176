using System.Globalization;
using Vtr.Integration.Tests.ChildProcess;
using Xunit.Abstractions;

namespace Vtr.Integration.Tests.Farm;

/// <summary>
/// `vtr status` right after a node is killed (kill -9), as README's "A farm on one machine" runs it: the node is shown as
/// unreachable, with since when and no stale fps, from the moment the cluster marks it so until it is dropped, instead
/// of as a healthy "N/N sessions, 0.0 fps" node.
/// </summary>
[Trait("Category", "Native")]
public sealed class UnreachableNodeStatusTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Failure detection (~5 s) plus slack for a loaded machine.</summary>
    private static readonly TimeSpan DetectionBound = TimeSpan.FromSeconds(40);

    private readonly LocalFarm _farm = new();

    public void Dispose() => _farm.Dispose();

    [BackendFact]
    public async Task A_killed_node_is_shown_unreachable_until_the_cluster_drops_it()
    {
        var seedPort = LocalFarm.FreePort(1);
        var seedAddress = $"127.0.0.1:{seedPort}";
        await _farm.StartMemberAsync("seed", "--host", "127.0.0.1", "--port", seedPort.ToString(CultureInfo.InvariantCulture));
        var killedPort = LocalFarm.FreePort(10000);
        var killed = await _farm.StartMemberAsync("node", "--seed", seedAddress, "--listen", $"127.0.0.1:{killedPort}");
        await _farm.StartMemberAsync("node", "--seed", seedAddress, "--listen", $"127.0.0.1:{LocalFarm.FreePort(10000)}");
        await _farm.WaitForStatusAsync(seedAddress, s => s.Nodes.Count == 2, LocalFarm.JoinTimeout, "both nodes registered");

        await killed.SignalAsync("KILL");
        Assert.True(await killed.WaitForExitAsync(TimeSpan.FromSeconds(10)), "the killed node did not exit");

        var mark = await WaitForStatusLineAsync(seedAddress, $"127.0.0.1:{killedPort} unreachable for");
        output.WriteLine(mark);
        Assert.EndsWith("(segments move elsewhere at 5 s)", mark, StringComparison.Ordinal);
        var dropped = await _farm.WaitForStatusAsync(seedAddress, s => s.Nodes.Count == 1, DetectionBound, "the killed node dropped");
        Assert.DoesNotContain($"127.0.0.1:{killedPort}", dropped.Nodes);
    }

    /// <summary>Runs plain `vtr status` until one of its lines contains <paramref name="text"/> (bounded).</summary>
    private async Task<string> WaitForStatusLineAsync(string seed, string text)
    {
        var deadline = DateTimeOffset.UtcNow + DetectionBound;
        var last = new List<string>();
        while (DateTimeOffset.UtcNow < deadline)
        {
            (_, last, _) = await _farm.RunAsync(TimeSpan.FromSeconds(20), "status", "--seed", seed);
            if (last.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }
        }

        throw new Xunit.Sdk.XunitException($"vtr status never said '{text}'; last: {string.Join(" | ", last)}");
    }
}
