using System.Collections.Immutable;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vtr.Node.Membership;
using Vtr.Seed.Hosting;
using Vtr.Shared.Cluster;

namespace Vtr.Client.Cli.Tests.Jobs;

/// <summary>Starts real vtr cluster members (one Generic Host + ActorSystem each) on 127.0.0.1, port 0.</summary>
internal static class ClusterTestHosts
{
    /// <summary>Short failure detection so a killed member is unreachable within ~2 s and downed soon after.</summary>
    public static VtrClusterOptions Options(string role, ImmutableArray<string> seeds) =>
        VtrClusterOptions.Loopback([role], seeds).WithQuickFailureDetection(TimeSpan.FromSeconds(2));

    public static Task<IHost> StartSeedAsync(ImmutableArray<string> seeds) =>
        StartAsync(ClusterNames.SeedRole, seeds, akka => akka.WithJobCoordinator());

    public static Task<IHost> StartNodeAsync(string seed, RegisterNode info, bool crashable = false) =>
        StartAsync(ClusterNames.NodeRole, [seed], akka =>
        {
            if (crashable)
            {
                // Terminating this system must look like a crash, not a graceful leave.
                akka.AddHocon("akka.coordinated-shutdown.run-by-actor-system-terminate = off", HoconAddMode.Prepend);
            }

            akka.WithJobCoordinatorProxy().WithNodeAnnouncer(info, new Vtr.Node.Sessions.FrameMeter());
        });

    public static Task<IHost> StartClientAsync(string seed) =>
        StartAsync(ClusterNames.ClientRole, [seed], akka => akka.WithJobCoordinatorProxy());

    public static ActorSystem System(this IHost host) => host.Services.GetRequiredService<ActorSystem>();

    public static IActorRef Coordinator(this IHost host) =>
        host.Services.GetRequiredService<ActorRegistry>().Get<JobCoordinatorKey>();

    public static string Address(this IHost host) => Akka.Cluster.Cluster.Get(host.System()).SelfAddress.ToString();

    public static RegisterNode NodeInfo(string id, int sessions) =>
        new(new NodeId(id), "127.0.0.1", 9000, "fake", false, ["h264"], [], sessions);

    private static async Task<IHost> StartAsync(string role, ImmutableArray<string> seeds, Action<AkkaConfigurationBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka(ClusterNames.ActorSystemName, akka =>
        {
            akka.AddHocon("akka.loglevel = WARNING", HoconAddMode.Prepend);
            akka.WithVtrCluster(Options(role, seeds));
            configure(akka);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
