using System.Collections.Immutable;
using System.Net;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Vtr.Node.Codecs;
using Vtr.Node.Hosting;
using Vtr.Node.Membership;
using Vtr.Seed.Hosting;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;

namespace Vtr.Cli.Commands;

/// <summary>
/// How `vtr node --seed HOST:PORT` joins the cluster (nothing without --seed): a "node" member (Akka.Remote on a free
/// port) with the coordinator proxy and a <see cref="NodeAnnouncer"/> registering this node's VTR1 endpoint, backend,
/// codecs and session limit; the pool's session counts reach the announcer through <see cref="NodeSessionObserver"/>.
/// </summary>
public static class NodeClusterWiring
{
    public static Action<AkkaConfigurationBuilder, IServiceProvider>? For(IReadOnlyList<string> seeds) =>
        seeds.Count == 0 ? null : (akka, provider) => Configure(akka, provider, [.. seeds]);

    /// <summary>
    /// The host announced for the VTR1 endpoint: --public-hostname when given, else the listen address, or this
    /// machine's name when bound to all addresses.
    /// </summary>
    public static string AnnouncedHost(IPEndPoint listen, string? publicHostname = null)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (!string.IsNullOrWhiteSpace(publicHostname))
        {
            return publicHostname;
        }

        return listen.Address.Equals(IPAddress.Any) ? Dns.GetHostName() : listen.Address.ToString();
    }

    public static RegisterNode Registration(NodeOptions options, ICodecBackend backend)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backend);
        var host = AnnouncedHost(options.Listen, options.PublicHostname);
        return new RegisterNode(
            new NodeId($"{host}:{options.Listen.Port}"),
            host,
            options.Listen.Port,
            backend.Name,
            backend.IsHardware,
            [.. backend.EncodeCodecs.Select(c => c.ToWireName())],
            [.. backend.DecodeCodecs.Select(c => c.ToWireName())],
            options.MaxSessions);
    }

    private static void Configure(AkkaConfigurationBuilder akka, IServiceProvider provider, ImmutableArray<string> seeds)
    {
        var options = provider.GetRequiredService<NodeOptions>();
        var backend = provider.GetRequiredService<ICodecBackend>();
        var observer = provider.GetRequiredService<NodeSessionObserver>();
        var registration = Registration(options, backend);
        var clusterOptions = new VtrClusterOptions
        {
            Host = options.Listen.Address.ToString(),
            Port = 0,
            PublicHostname = registration.Host,
            Roles = [ClusterNames.NodeRole],
            SeedNodes = seeds,
        };
        akka.WithVtrCluster(clusterOptions)
            .WithJobCoordinatorProxy()
            .WithNodeAnnouncer(registration)
            .WithActors((_, registry) => observer.Target = registry.Get<NodeAnnouncer>());
    }
}
