using System.Net;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Vtr.Node.Codecs;
using Vtr.Node.Hosting;
using Vtr.Node.Membership;
using Vtr.Node.Sessions;
using Vtr.Seed.Contact;
using Vtr.Seed.Hosting;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;
using Vtr.Shared.Versioning;

namespace Vtr.Cli.Commands;

/// <summary>
/// How `vtr node --seed HOST:PORT` takes part in the cluster: a "node" member at the canonical addresses the seed's
/// contact point gave (<see cref="JoinPlan"/>), on its stable cluster port, able to host the job coordinator when the
/// seed is gone, with a <see cref="NodeAnnouncer"/> registering this node's VTR1 endpoint, backend, codecs and limit.
/// </summary>
public static class NodeClusterWiring
{
    public static Action<AkkaConfigurationBuilder, IServiceProvider> For(JoinPlan plan, int clusterPort) =>
        (akka, provider) => Configure(akka, provider, plan, clusterPort);

    /// <summary>
    /// The host announced for the VTR1 endpoint: --public-hostname when given, else the listen address, else (bound to
    /// all addresses) the address this machine reaches the seed from, else this machine's LAN address.
    /// </summary>
    public static string AnnouncedHost(IPEndPoint listen, string? publicHostname = null, string? routeToSeed = null)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (!string.IsNullOrWhiteSpace(publicHostname))
        {
            return publicHostname;
        }

        if (!listen.Address.Equals(IPAddress.Any))
        {
            return listen.Address.ToString();
        }

        return routeToSeed ?? AdvertisedAddress.For(IPAddress.Any);
    }

    public static RegisterNode Registration(NodeOptions options, ICodecBackend backend, string? routeToSeed = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backend);
        var host = AnnouncedHost(options.Listen, options.PublicHostname, routeToSeed);
        return new RegisterNode(
            new NodeId($"{host}:{options.Listen.Port}"),
            host,
            options.Listen.Port,
            backend.Name,
            backend.IsHardware,
            [.. backend.EncodeCodecs.Select(c => c.ToWireName())],
            [.. backend.SourceDecodeCodecs],
            options.MaxSessions,
            Version: VtrVersion.Current.Announced);
    }

    private static void Configure(AkkaConfigurationBuilder akka, IServiceProvider provider, JoinPlan plan, int clusterPort)
    {
        var options = provider.GetRequiredService<NodeOptions>();
        var backend = provider.GetRequiredService<ICodecBackend>();
        var frames = provider.GetRequiredService<FrameMeter>();
        var registration = Registration(options, backend, plan.AdvertisedHost);
        var clusterOptions = new VtrClusterOptions
        {
            Host = options.Listen.Address.ToString(),
            Port = clusterPort,
            PublicHostname = registration.Host,
            Roles = [ClusterNames.NodeRole, ClusterNames.CoordinatorRole],
            SeedNodes = plan.SeedAddresses,
            Farm = options.Farm,
        };
        akka.WithVtrCluster(clusterOptions)
            .WithJobCoordinator()
            .WithMembershipLog()
            .WithNodeAnnouncer(registration, frames);
    }
}
