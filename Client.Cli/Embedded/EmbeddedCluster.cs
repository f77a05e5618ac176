using System.Collections.Immutable;
using System.Net;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Node.Hosting;
using Vtr.Node.Membership;
using Vtr.Node.Sessions;
using Vtr.Node.Transport;
using Vtr.Seed.Hosting;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;
using Vtr.Shared.Security;
using Vtr.Shared.Versioning;

namespace Vtr.Cli.Embedded;

/// <summary>What the embedded cluster runs: node count, sessions per node, codec backend.</summary>
public sealed record EmbeddedClusterOptions(int Nodes, int SessionsPerNode, string Backend = CodecBackendFactory.Auto, string SoftwarePreset = "veryfast")
{
    /// <summary>libavcodec options of node i (cycled when shorter than <see cref="Nodes"/>); empty = one backend with
    /// <see cref="SoftwarePreset"/> for every node.</summary>
    public ImmutableArray<FFmpegBackendOptions> NodeBackends { get; init; } = [];

    /// <summary>When set, segments travel between the client and the nodes in mutual TLS with these credentials, as in a
    /// secured farm (`vtr bench cluster --secure` measures its cost); the members themselves share one process.</summary>
    public FarmCredentials? SegmentFarm { get; init; }
}

/// <summary>
/// `vtr transcode` without --seed: one ActorSystem on 127.0.0.1 that is the seed (JobCoordinator), N encoder nodes
/// (each a VTR1 <see cref="NodeServer"/> on a free loopback port with its own EncoderPool, announced by a
/// <see cref="NodeAnnouncer"/>) and the client, so a local transcode takes the same code path as a real cluster.
/// </summary>
public sealed class EmbeddedCluster : ClusterConnection
{
    private readonly List<NodeServer> _servers;

    private EmbeddedCluster(Microsoft.Extensions.Hosting.IHost host, List<NodeServer> servers, FarmCredentials? segmentFarm)
        : base(host, segmentFarm)
    {
        _servers = servers;
    }

    public IReadOnlyList<NodeServer> Servers => _servers;

    /// <summary>Starts the cluster; throws <see cref="CodecException"/> when no codec backend is available.</summary>
    public static async Task<EmbeddedCluster> StartAsync(EmbeddedClusterOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var backend = CodecBackendFactory.Create(options.Backend, new FFmpegBackendOptions(options.SoftwarePreset));
        var clusterOptions = VtrClusterOptions.Loopback([ClusterNames.SeedRole, ClusterNames.NodeRole, ClusterNames.ClientRole], []);
        var host = await StartHostAsync(
            clusterOptions,
            akka => akka.AddHocon(SessionsConfig.Hocon, HoconAddMode.Prepend).WithJobCoordinator(),
            EmbeddedJoinTimeout,
            "127.0.0.1 (embedded)",
            ct).ConfigureAwait(false);
        var servers = new List<NodeServer>();
        var cluster = new EmbeddedCluster(host, servers, options.SegmentFarm);
        try
        {
            for (var i = 0; i < Math.Max(1, options.Nodes); i++)
            {
                var nodeBackend = options.NodeBackends.IsDefaultOrEmpty
                    ? backend
                    : CodecBackendFactory.Create(options.Backend, options.NodeBackends[i % options.NodeBackends.Length]);
                servers.Add(StartNode(cluster, nodeBackend, i, options.SessionsPerNode, new ConnectionGate(options.SegmentFarm, servePlainVtr1: true)));
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static NodeServer StartNode(EmbeddedCluster cluster, ICodecBackend backend, int index, int maxSessions, ConnectionGate gate)
    {
        var system = cluster.System;
        var relay = system.ActorOf(SessionCountRelay.Props(), $"session-count-{index}");
        var server = NodeServer.Start(
            system, backend, new IPEndPoint(IPAddress.Loopback, 0), new SessionPolicy(), maxSessions, relay, poolName: $"encoder-pool-{index}", gate: gate);
        var info = new RegisterNode(
            new NodeId($"embedded-{index}"),
            "127.0.0.1",
            server.DialEndPoint.Port,
            backend.Name,
            backend.IsHardware,
            [.. backend.EncodeCodecs.Select(c => c.ToWireName())],
            [.. backend.SourceDecodeCodecs],
            maxSessions,
            Version: VtrVersion.Current.Announced);
        var announcer = system.ActorOf(
            NodeAnnouncer.Props(info, cluster.Coordinator, DistributedPubSub.Get(system).Mediator), $"{NodeAnnouncerHostingExtensions.ActorName}-{index}");
        relay.Tell(new SessionCountRelay.ForwardTo(announcer));
        return server;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }
}
