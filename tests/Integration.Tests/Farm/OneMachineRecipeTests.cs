using Vtr.Integration.Tests.Cluster;

namespace Vtr.Integration.Tests.Farm;

/// <summary>
/// README's "one machine" recipe, command for command with its default ports: a seed, two nodes joined through
/// 127.0.0.1 and through localhost with no --listen (the second takes the next port), `vtr status`, and a transcode
/// that uses both nodes.
/// </summary>
[Trait("Category", "Native")]
public sealed class OneMachineRecipeTests : IDisposable
{
    private readonly LocalFarm _farm = new();

    public void Dispose() => _farm.Dispose();

    [BackendFact(GeneratesClips = true)]
    public async Task Default_seed_and_two_default_nodes_join_through_127_0_0_1_and_localhost_and_share_a_job()
    {
        var seed = await _farm.StartMemberAsync("seed", "--host", "127.0.0.1");
        var first = await _farm.StartMemberAsync("node", "--seed", "127.0.0.1:4053");
        var second = await _farm.StartMemberAsync("node", "--seed", "localhost:4053");

        // People read the console top-down: the reason first, then the port the node serves.
        var secondLines = second.Output.ToList();
        var taken = secondLines.FindIndex(l => l.Contains("port 5555 is taken", StringComparison.Ordinal) && l.Contains("5556", StringComparison.Ordinal));
        var listening = secondLines.FindIndex(l => l.Contains("listening on 0.0.0.0:5556", StringComparison.Ordinal));
        Assert.True(taken >= 0 && listening > taken, $"expected \"port 5555 is taken\" before \"listening on 0.0.0.0:5556\":\n{string.Join('\n', secondLines)}");
        var status = await _farm.WaitForStatusAsync("127.0.0.1:4053", s => s.Nodes.Count == 2, LocalFarm.JoinTimeout, "two nodes");
        Assert.Equal(["127.0.0.1:5555", "127.0.0.1:5556"], status.Nodes.Order(StringComparer.Ordinal));
        Assert.Equal(2, status.Healthy("node"));
        Assert.Equal(1, status.Healthy("seed"));

        var (code, lines, error) = await _farm.RunAsync(TimeSpan.FromMinutes(3), "transcode", "--seed", "127.0.0.1:4053");

        Assert.True(code == 0, $"transcode exited {code}: {error}");
        Assert.Contains(lines, l => l.StartsWith("wrote vtr-sample.mp4", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_farm.Folder, "vtr-sample.mp4")));
        // Two segments, two idle nodes: one each, never both on one node.
        Assert.Contains(first.Output, l => l.Contains("session opened", StringComparison.Ordinal));
        Assert.Contains(second.Output, l => l.Contains("session opened", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith('['));
        foreach (var member in new[] { seed, first, second })
        {
            Assert.Empty(LocalFarm.RawLines(member));

            // No `vtr farm init` in this recipe: each daemon says once that anyone can use the farm.
            Assert.Single(member.Output, l => l.Contains("warning: this farm is open", StringComparison.Ordinal));
        }
    }
}
