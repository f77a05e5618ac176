using System.Collections.Immutable;
using System.Globalization;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Vtr.Seed.Jobs;
using Vtr.Seed.Security;
using Vtr.Shared.Cluster;

namespace Vtr.Seed.Hosting;

/// <summary>Akka.Hosting wiring shared by every vtr process: cluster membership, serialization, coordinator.</summary>
public static class VtrClusterHostingExtensions
{
    /// <summary>Binds every <see cref="IVtrClusterMessage"/> to <see cref="VtrClusterSerializer"/>.</summary>
    public static AkkaConfigurationBuilder AddVtrSerialization(this AkkaConfigurationBuilder builder) =>
        builder.WithCustomSerializer(
            VtrSerializationConfig.SerializerAlias,
            [typeof(IVtrClusterMessage)],
            system => new VtrClusterSerializer(system));

    /// <summary>
    /// Remoting, clustering with the keep-majority split-brain resolver, DistributedPubSub (for the
    /// coordinator announcement) and the vtr serializer. A member without seeds joins itself. A leaving member downs
    /// members that crashed just before, where keep-majority would (<see cref="LeavingMemberDowner"/>).
    /// </summary>
    public static AkkaConfigurationBuilder WithVtrCluster(this AkkaConfigurationBuilder builder, VtrClusterOptions options)
    {
        var seeds = options.SeedAddresses();
        // A seed always runs the coordinator; a node hosts it only when its wiring asks (WithJobCoordinator + the role).
        ImmutableArray<string> roles = options.Roles.Contains(ClusterNames.SeedRole)
            ? [.. options.Roles.Append(ClusterNames.CoordinatorRole).Distinct()]
            : options.Roles;
        builder
            .AddHocon(TimingHocon(options), HoconAddMode.Prepend)
            .WithVtrRemoting(options)
            .WithClustering(new ClusterOptions
            {
                Roles = [.. roles],
                SeedNodes = [.. seeds],
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .WithDistributedPubSub(string.Empty)
            .AddVtrSerialization()
            .WithActors((system, _) => system.ActorOf(LeavingMemberDowner.Props(), "leaving-member-downer"));
        if (seeds.IsEmpty)
        {
            builder.AddStartup((system, _) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        }

        return builder;
    }

    /// <summary>Akka.Remote on the options' endpoint; over mutual TLS pinned to the farm certificate when the farm is secured.</summary>
    private static AkkaConfigurationBuilder WithVtrRemoting(this AkkaConfigurationBuilder builder, VtrClusterOptions options)
    {
        var advertised = options.ResolvePublicHostname();
        if (options.Farm is null)
        {
            return builder.WithRemoting(options.BindHost(advertised), options.Port, advertised);
        }

        return builder.WithRemoting(new RemoteOptions
        {
            HostName = options.BindHost(advertised),
            Port = options.Port,
            PublicHostName = advertised,
            EnableSsl = true,
            Ssl = FarmRemotingTls.For(options.Farm),
        });
    }

    /// <summary>Runs the <see cref="JobCoordinator"/> singleton on seed members and registers its proxy
    /// under <see cref="JobCoordinatorKey"/>.</summary>
    public static AkkaConfigurationBuilder WithJobCoordinator(this AkkaConfigurationBuilder builder) =>
        builder.WithSingleton<JobCoordinatorKey>(
                ClusterNames.CoordinatorSingletonName,
                (system, _, _) => JobCoordinator.Props(system),
                new ClusterSingletonOptions { Role = JobCoordinatorProtocol.Role },
                createProxyToo: true)
            .WithActors((system, _) =>
                system.ActorOf(CoordinatorExitGuard.Props("/user/" + ClusterNames.CoordinatorSingletonName), "coordinator-exit-guard"));

    /// <summary>For nodes and clients: a proxy to the coordinator, registered under <see cref="JobCoordinatorKey"/>.</summary>
    public static AkkaConfigurationBuilder WithJobCoordinatorProxy(this AkkaConfigurationBuilder builder) =>
        builder.WithSingletonProxy<JobCoordinatorKey>(
            ClusterNames.CoordinatorSingletonName,
            new ClusterSingletonOptions { Role = JobCoordinatorProtocol.Role });

    /// <summary>
    /// Failure detection and downing for a farm (docs/architecture.md, "Membership and downing"): down-all-when-unstable is
    /// off because on a farm a flapping member must never take the healthy ones down with it; a member's remote gate is
    /// short so a restarted member is dialled again within a couple of seconds; no address reuse on the remoting port
    /// (on Linux and macOS .NET turns it into SO_REUSEPORT, and a second process would share the port).
    /// </summary>
    private static Config TimingHocon(VtrClusterOptions options) => ConfigurationFactory.ParseString($"""
        akka.cluster.failure-detector.heartbeat-interval = {Millis(options.HeartbeatInterval)}
        akka.cluster.failure-detector.acceptable-heartbeat-pause = {Millis(options.AcceptableHeartbeatPause)}
        akka.cluster.split-brain-resolver.stable-after = {Millis(options.StableAfter)}
        akka.cluster.split-brain-resolver.down-all-when-unstable = off
        akka.cluster.run-coordinated-shutdown-when-down = on
        akka.remote.retry-gate-closed-for = 2s
        akka.cluster.retry-unsuccessful-join-after = 3s
        akka.remote.dot-netty.tcp.tcp-reuse-addr = off
        akka.cluster.log-info-verbose = off
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """);

    private static string Millis(TimeSpan span) =>
        ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
