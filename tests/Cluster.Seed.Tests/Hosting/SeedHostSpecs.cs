using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vtr.Seed.Hosting;
using Vtr.Shared.Cluster;

namespace Vtr.Cluster.Seed.Tests.Hosting;

public sealed class SeedHostSpecs
{
    private static TimeSpan Bound { get; } = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Seed_host_forms_a_cluster_alone_and_serves_the_coordinator()
    {
        using var host = SeedHost.Build(new VtrClusterOptions { Host = "127.0.0.1", Port = 0, PublicHostname = "127.0.0.1" });
        await host.StartAsync().WaitAsync(Bound);
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var coordinator = host.Services.GetRequiredService<ActorRegistry>().Get<JobCoordinatorKey>();

            var status = await coordinator.Ask<ClusterStatus>(GetClusterStatus.Instance, Bound);

            Assert.Empty(status.Nodes);
            Assert.Contains(ClusterNames.SeedRole, Akka.Cluster.Cluster.Get(system).SelfRoles);
            Assert.NotEqual(0, Akka.Cluster.Cluster.Get(system).SelfAddress.Port);
        }
        finally
        {
            await host.StopAsync().WaitAsync(Bound);
        }
    }

    [Fact]
    public void Seed_endpoints_given_as_host_and_port_become_akka_addresses()
    {
        var options = new VtrClusterOptions { SeedNodes = ["mini-1:4053", "akka.tcp://vtr@10.0.0.2:4053"] };

        Assert.Equal(["akka.tcp://vtr@mini-1:4053", "akka.tcp://vtr@10.0.0.2:4053"], options.SeedAddresses().ToArray());
    }
}
