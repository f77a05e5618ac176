using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vtr.Seed.Hosting;

namespace Vtr.Cluster.Seed.Tests.Hosting;

/// <summary>
/// A daemon the cluster removes (downed, as after a partition or a laptop's sleep) joins again as a new incarnation
/// instead of exiting; cancellation is the only way out of the loop.
/// </summary>
public sealed class IncarnationLoopSpecs
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_downed_member_comes_back_as_a_new_incarnation_and_leaves_when_cancelled()
    {
        using var seed = SeedHost.Build(VtrClusterOptions.Loopback([], []));
        await seed.StartAsync().WaitAsync(Bound);
        var seedCluster = Akka.Cluster.Cluster.Get(seed.Services.GetRequiredService<ActorSystem>());
        var seedAddress = seedCluster.SelfAddress.ToString();
        var incarnations = new List<Akka.Cluster.Cluster>();
        var secondUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var said = new List<string>();
        using var stop = new CancellationTokenSource();

        var loop = IncarnationLoop.RunAsync(async (number, ct) =>
        {
            var host = SeedHost.Build(VtrClusterOptions.Loopback([], [seedAddress]));
            await host.StartAsync(ct);
            var cluster = Akka.Cluster.Cluster.Get(host.Services.GetRequiredService<ActorSystem>());
            lock (incarnations)
            {
                incarnations.Add(cluster);
            }

            cluster.RegisterOnMemberUp(() => (number == 1 ? firstUp : secondUp).TrySetResult());
            return host;
        }, line => { lock (said) { said.Add(line); } }, stop.Token);

        await firstUp.Task.WaitAsync(Bound);
        seedCluster.Down(incarnations[0].SelfAddress);
        await secondUp.Task.WaitAsync(Bound);

        Assert.Equal(2, incarnations.Count);
        Assert.NotEqual(incarnations[0].SelfUniqueAddress, incarnations[1].SelfUniqueAddress);
        Assert.Contains(said, l => l.Contains("new incarnation", StringComparison.Ordinal));
        await stop.CancelAsync();
        await loop.WaitAsync(Bound);
        Assert.Equal(2, incarnations.Count);
        await seed.StopAsync().WaitAsync(Bound);
    }
}
