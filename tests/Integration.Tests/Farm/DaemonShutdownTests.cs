using System.Diagnostics;
using Vtr.Integration.Tests.ChildProcess;
using Vtr.Integration.Tests.Cluster;
using Xunit.Abstractions;

namespace Vtr.Integration.Tests.Farm;

/// <summary>
/// Stopping daemons as people do (SIGTERM: `systemctl stop`, Ctrl+C in a terminal running all of them): a seed leaves in
/// a second or two whether it is alone, the last of a farm stopped together, hands the coordinator to a node that
/// stays, or its only node was just killed (and a node likewise when its seed was); an idle node leaving is reported as
/// removed, with no "segments queued again".
/// </summary>
[Trait("Category", "Native")]
public sealed class DaemonShutdownTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Generous: a leave takes ~1 s here, the old hand-over to a leaving node took 8–10 s.</summary>
    private static readonly TimeSpan LeaveBound = TimeSpan.FromSeconds(5);

    /// <summary>What a leaving member says when it downs a member that crashed (LeavingMemberDowner).</summary>
    private const string DowningLine = "downing it so this member's leave can complete";

    private const string CoordinatorLine = "job coordinator running on this member";

    /// <summary>Failure detection (~7 s) + the singleton's removal margin (10 s) + slack for a loaded machine.</summary>
    private static readonly TimeSpan CoordinatorMoveBound = TimeSpan.FromSeconds(60);

    private readonly LocalFarm _farm = new();

    public void Dispose() => _farm.Dispose();

    [BackendFact]
    public async Task A_lone_seed_leaves_within_5_s_of_SIGTERM()
    {
        var (_, seed) = await StartSeedAsync();

        await AssertLeavesInTimeAsync(seed, "the lone seed");
    }

    [BackendFact]
    public async Task A_seed_stopped_together_with_its_nodes_leaves_within_5_s()
    {
        var (seedAddress, seed) = await StartSeedAsync();
        var first = await StartNodeAsync(seedAddress);
        var second = await StartNodeAsync(seedAddress);
        await _farm.WaitForStatusAsync(seedAddress, s => s.Healthy("node") == 2, LocalFarm.JoinTimeout, "both nodes up");

        // Every node can host the coordinator, so the seed offers it to one of them, which is leaving too.
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(seed.SignalAsync("TERM"), first.SignalAsync("TERM"), second.SignalAsync("TERM"));

        Assert.True(await seed.WaitForExitAsync(LocalFarm.JoinTimeout), "the seed never exited");
        output.WriteLine($"seed exited {clock.Elapsed.TotalSeconds:0.00} s after SIGTERM to all three");
        Assert.True(clock.Elapsed < LeaveBound, $"the seed took {clock.Elapsed.TotalSeconds:0.0} s to leave: {string.Join(" | ", seed.Output)}");
        AssertLeftGracefully(seed);
        // Nodes that leave are never taken for crashed ones, though their connections close while the seed leaves.
        Assert.DoesNotContain(seed.Output, l => l.Contains(DowningLine, StringComparison.Ordinal));
        foreach (var node in new[] { first, second })
        {
            Assert.True(await node.WaitForExitAsync(LocalFarm.JoinTimeout));
            AssertLeftGracefully(node);
            // Leaving too, a node has no successor to register with and says nothing of one.
            Assert.DoesNotContain(node.Output, l => l.Contains("take", StringComparison.Ordinal) && l.Contains("over", StringComparison.Ordinal));
        }
    }

    [BackendFact]
    public async Task An_idle_node_leaving_requeues_nothing_and_a_seed_leaving_hands_the_coordinator_to_the_node_that_stays()
    {
        var (seedAddress, seed) = await StartSeedAsync();
        var leaving = await StartNodeAsync(seedAddress);
        var staying = await StartNodeAsync(seedAddress);
        await _farm.WaitForStatusAsync(seedAddress, s => s.Nodes.Count == 2, LocalFarm.JoinTimeout, "both nodes registered");

        await leaving.SignalAsync("TERM");
        await seed.WaitForLineAsync("member removed: node", LocalFarm.JoinTimeout);
        Assert.True(await leaving.WaitForExitAsync(LocalFarm.JoinTimeout));
        AssertLeftGracefully(leaving);

        // The seed goes with a node Up: a graceful hand-over, not a crash the node's failure detector must find.
        await AssertLeavesInTimeAsync(seed, "the seed with a node up");
        await WaitForLinesAsync(staying, "job coordinator running on this member", "member removed: seed");
        // It says who took the coordinator over: itself, the only member left that can host it.
        await WaitForLinesAsync(staying, "this node takes it over and registers with it");
        Assert.Contains(staying.Output, l => l.Contains("the job coordinator on 127.0.0.1:", StringComparison.Ordinal)
            && l.Contains("stopped; this node takes it over", StringComparison.Ordinal));
        Assert.DoesNotContain(staying.Output, l => l.Contains("member unreachable: seed", StringComparison.Ordinal));

        // Nothing was leased to the node that left: the seed says it left, not that its segments are queued again.
        Assert.DoesNotContain(seed.Output, l => l.Contains("queued again", StringComparison.Ordinal));

        // Now the coordinator's only host, the node leaves as quickly as the lone seed.
        await AssertLeavesInTimeAsync(staying, "the node hosting the coordinator alone");
    }

    [BackendFact]
    public Task A_seed_whose_only_node_was_just_killed_leaves_within_5_s_of_SIGTERM() => AssertLeavesRightAfterTheOtherWasKilledAsync(killTheSeed: false);

    [BackendFact]
    public Task A_node_whose_seed_was_just_killed_leaves_within_5_s_of_SIGTERM() => AssertLeavesRightAfterTheOtherWasKilledAsync(killTheSeed: true);

    [BackendFact]
    public async Task A_seed_whose_oldest_node_was_just_killed_leaves_within_5_s_and_a_surviving_node_takes_the_coordinator()
    {
        var (seedAddress, seed) = await StartSeedAsync();
        // Started one after the other: the first node is the oldest after the seed, the one the coordinator goes to.
        var heir = await StartNodeAsync(seedAddress);
        var second = await StartNodeAsync(seedAddress);
        var third = await StartNodeAsync(seedAddress);
        await _farm.WaitForStatusAsync(seedAddress, s => s.Healthy("node") == 3, LocalFarm.JoinTimeout, "three nodes up");

        // Two nodes stay against one gone: the seed downs it, and stops the coordinator instead of handing it to the dead.
        await KillAsync(heir);
        await AssertLeavesInTimeAsync(seed, "the seed whose oldest node was killed");

        // The oldest survivor takes it, once the downed node was removed and Akka's removal margin (stable-after) passed.
        output.WriteLine("second node: " + await second.WaitForLineAsync(CoordinatorLine, CoordinatorMoveBound));
        Assert.False(second.HasExited || third.HasExited, "a surviving node exited");
        Assert.DoesNotContain(third.Output, l => l.Contains(CoordinatorLine, StringComparison.Ordinal));
    }

    /// <summary>Seed + one node; one is killed, the other is sent SIGTERM at once, before the failure detector could notice
    /// (5 s): the dead member blocked the leave until Akka gave up (10 s).</summary>
    private async Task AssertLeavesRightAfterTheOtherWasKilledAsync(bool killTheSeed)
    {
        var (seedAddress, seed) = await StartSeedAsync();
        var node = await StartNodeAsync(seedAddress);
        await _farm.WaitForStatusAsync(seedAddress, s => s.Healthy("node") == 1, LocalFarm.JoinTimeout, "the node up");
        var (killed, stopped, killedKind) = killTheSeed ? (seed, node, "seed") : (node, seed, "node");

        await KillAsync(killed);
        await AssertLeavesInTimeAsync(stopped, $"the member whose {killedKind} was killed");
        Assert.Contains(stopped.Output, l => l.Contains(killedKind + " 127.0.0.1:", StringComparison.Ordinal) && l.Contains(DowningLine, StringComparison.Ordinal));
    }

    private static async Task KillAsync(VtrProcess member)
    {
        await member.SignalAsync("KILL");
        Assert.True(await member.WaitForExitAsync(TimeSpan.FromSeconds(10)), "a killed member did not exit");
    }

    private async Task<(string Address, VtrProcess Seed)> StartSeedAsync()
    {
        var port = LocalFarm.FreePort(1);
        var seed = await _farm.StartMemberAsync("seed", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ($"127.0.0.1:{port}", seed);
    }

    private Task<VtrProcess> StartNodeAsync(string seedAddress) =>
        _farm.StartMemberAsync("node", "--seed", seedAddress, "--listen", $"127.0.0.1:{LocalFarm.FreePort(10000)}");

    private async Task AssertLeavesInTimeAsync(VtrProcess member, string what)
    {
        var clock = Stopwatch.StartNew();
        await member.SignalAsync("TERM");

        Assert.True(await member.WaitForExitAsync(LocalFarm.JoinTimeout), $"{what} never exited");
        output.WriteLine($"{what} exited {clock.Elapsed.TotalSeconds:0.00} s after SIGTERM");
        Assert.True(clock.Elapsed < LeaveBound, $"{what} took {clock.Elapsed.TotalSeconds:0.0} s to leave: {string.Join(" | ", member.Output)}");
        AssertLeftGracefully(member);
    }

    /// <summary>Waits until <paramref name="member"/> printed each of <paramref name="texts"/>, in whatever order.</summary>
    private static async Task WaitForLinesAsync(VtrProcess member, params string[] texts)
    {
        foreach (var text in texts)
        {
            // A line already printed was consumed by an earlier wait; one not printed yet is still ahead in the stream.
            if (!member.Output.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                await member.WaitForLineAsync(text, LocalFarm.JoinTimeout);
            }
        }
    }

    private static void AssertLeftGracefully(VtrProcess member)
    {
        Assert.Equal(0, member.ExitCode);
        Assert.Contains(member.Output, l => l.Contains("left the cluster, stopped", StringComparison.Ordinal));
        Assert.Empty(LocalFarm.RawLines(member));
    }
}
