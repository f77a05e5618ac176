using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Akka.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vtr.Seed.Hosting;
using Vtr.Shared.Cluster;

namespace Vtr.Testing.Cluster;

/// <summary>
/// Real vtr cluster members, each its own Generic Host + ActorSystem on 127.0.0.1 with Akka.Remote on port 0, and the
/// questions tests ask them (status, members up, nodes registered).
/// </summary>
public static class ClusterHosts
{
    /// <summary>
    /// Short failure detection so a killed member is unreachable within <paramref name="detection"/> and downed soon
    /// after. Not much shorter than 2-3 s: on a 2-core CI machine running other test assemblies beside these, a healthy
    /// member can miss heartbeats for over a second and would be downed mid-test.
    /// </summary>
    public static VtrClusterOptions Options(string role, ImmutableArray<string> seeds, TimeSpan detection) =>
        VtrClusterOptions.Loopback([role], seeds).WithQuickFailureDetection(detection);

    /// <summary>A seed-role member running the JobCoordinator singleton.</summary>
    public static Task<IHost> StartSeedAsync(ImmutableArray<string> seeds, TimeSpan detection) =>
        StartAsync(ClusterNames.SeedRole, seeds, detection, akka => akka.WithJobCoordinator());

    /// <summary>A client-role member with the coordinator's proxy, as `vtr transcode --seed` joins.</summary>
    public static Task<IHost> StartClientAsync(string seed, TimeSpan detection) =>
        StartAsync(ClusterNames.ClientRole, [seed], detection, akka => akka.WithJobCoordinatorProxy());

    /// <summary>A member of <paramref name="role"/> joining <paramref name="seeds"/>, configured further by the caller.</summary>
    public static async Task<IHost> StartAsync(
        string role, ImmutableArray<string> seeds, TimeSpan detection, Action<AkkaConfigurationBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka(ClusterNames.ActorSystemName, akka =>
        {
            akka.AddHocon("akka.loglevel = WARNING\nakka.log-dead-letters = off", HoconAddMode.Prepend);
            akka.WithVtrCluster(Options(role, seeds, detection));
            configure(akka);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static ActorSystem System(this IHost host) => host.Services.GetRequiredService<ActorSystem>();

    public static IActorRef Coordinator(this IHost host) => host.Services.GetRequiredService<ActorRegistry>().Get<JobCoordinatorKey>();

    public static string Address(this IHost host) => Akka.Cluster.Cluster.Get(host.System()).SelfAddress.ToString();

    /// <summary>The coordinator's view (nodes, jobs), asked through <paramref name="member"/>.</summary>
    public static Task<ClusterStatus> StatusAsync(this IHost member) =>
        member.Coordinator().Ask<ClusterStatus>(GetClusterStatus.Instance, TimeSpan.FromSeconds(3));

    /// <summary>Waits until <paramref name="member"/> sees exactly <paramref name="count"/> members Up.</summary>
    public static Task AwaitMembersUpAsync(this TestKitBase kit, IHost member, int count, TimeSpan bound) =>
        kit.AwaitAssertAsync(
            () => Assert.Equal(count, Akka.Cluster.Cluster.Get(member.System()).State.Members.Count(m => m.Status == MemberStatus.Up)),
            bound);

    /// <summary>Waits until the coordinator, asked through <paramref name="member"/>, knows <paramref name="count"/> nodes.</summary>
    public static Task AwaitNodesRegisteredAsync(this TestKitBase kit, IHost member, int count, TimeSpan bound) =>
        kit.AwaitAssertAsync(async () => Assert.Equal(count, (await member.StatusAsync()).Nodes.Length), bound);
}
