using System.Collections.Immutable;
using System.Net;
using Vtr.Shared.Cluster;

namespace Vtr.Seed.Hosting;

/// <summary>
/// How one vtr process joins the cluster. The defaults suit a LAN deployment; tests shorten the
/// failure-detector and split-brain timings and bind port 0.
/// </summary>
public sealed record VtrClusterOptions
{
    /// <summary>Default Akka.Remote port of a seed.</summary>
    public const int DefaultPort = 4053;

    /// <summary>Interface to bind Akka.Remote to.</summary>
    public string Host { get; init; } = "0.0.0.0";

    /// <summary>Port to bind Akka.Remote to; 0 picks any free port.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Name other members use to reach this one; the machine's DNS name when null.</summary>
    public string? PublicHostname { get; init; }

    /// <summary>Seed endpoints as <c>host:port</c> or full <c>akka.tcp://vtr@host:port</c> addresses.
    /// Empty: this process forms a new cluster by joining itself.</summary>
    public ImmutableArray<string> SeedNodes { get; init; } = [];

    /// <summary>Cluster roles of this member (<see cref="ClusterNames.SeedRole"/>, node, client).</summary>
    public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>ActorSystem name; every member of one cluster uses the same.</summary>
    public string SystemName { get; init; } = ClusterNames.ActorSystemName;

    /// <summary>How often members heartbeat each other.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Heartbeat silence tolerated before a member is marked unreachable.</summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long membership must be stable before the split-brain resolver downs unreachable members.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(15);

    public string ResolvePublicHostname() => PublicHostname ?? Dns.GetHostName();

    /// <summary>A member reachable only on 127.0.0.1, Akka.Remote on any free port: the embedded cluster and tests.</summary>
    public static VtrClusterOptions Loopback(ImmutableArray<string> roles, ImmutableArray<string> seeds) => new()
    {
        Host = "127.0.0.1",
        Port = 0,
        PublicHostname = "127.0.0.1",
        Roles = roles,
        SeedNodes = seeds,
    };

    /// <summary>
    /// Detects a dead member within about <paramref name="pause"/> and downs it about as long after, instead of
    /// the LAN defaults' ~20 s: for tests that kill members on one machine.
    /// </summary>
    public VtrClusterOptions WithQuickFailureDetection(TimeSpan pause) => this with
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(250),
        AcceptableHeartbeatPause = pause,
        StableAfter = pause,
    };

    /// <summary>Seed endpoints as Akka addresses.</summary>
    public ImmutableArray<string> SeedAddresses() =>
        SeedNodes.Select(seed => seed.Contains("://", StringComparison.Ordinal) ? seed : $"akka.tcp://{SystemName}@{seed}")
            .ToImmutableArray();
}
