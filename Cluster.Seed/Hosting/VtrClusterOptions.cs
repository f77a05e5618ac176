using System.Collections.Immutable;
using System.Net;
using Vtr.Seed.Contact;
using Vtr.Shared.Cluster;
using Vtr.Shared.Security;

namespace Vtr.Seed.Hosting;

/// <summary>
/// How one vtr process takes part in the cluster. The defaults are for a LAN farm of 2–20 machines whose members are
/// busy encoding (docs/architecture.md, "Membership and downing", says why each value); tests shorten the timings.
/// </summary>
public sealed record VtrClusterOptions
{
    /// <summary>The seed's contact point: the port users type in <c>--seed HOST:4053</c>.</summary>
    public const int DefaultContactPort = 4053;

    /// <summary>The seed's own Akka.Remote port (contact port + 1 unless given).</summary>
    public const int DefaultSeedRemotePort = DefaultContactPort + 1;

    /// <summary>Interface to bind Akka.Remote to.</summary>
    public string Host { get; init; } = "0.0.0.0";

    /// <summary>Port to bind Akka.Remote to; 0 picks any free port.</summary>
    public int Port { get; init; } = DefaultSeedRemotePort;

    /// <summary>Address other members dial for this one; null = <see cref="AdvertisedAddress.For"/> of <see cref="Host"/>.</summary>
    public string? PublicHostname { get; init; }

    /// <summary>Canonical Akka addresses to join (from the contact point, or the seed's member book). Empty: this process
    /// forms a new cluster by joining itself. When the first entry is this member itself, it joins itself only after none
    /// of the others answered (Akka's first-seed rule), which is how a restarted seed finds the farm it left.</summary>
    public ImmutableArray<string> SeedNodes { get; init; } = [];

    /// <summary>Cluster roles of this member (<see cref="ClusterNames.SeedRole"/>, node, client, coordinator).</summary>
    public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>The farm credentials: Akka.Remote runs over mutual TLS pinned to them. Null: an open farm (plain TCP).</summary>
    public FarmCredentials? Farm { get; init; }

    /// <summary>ActorSystem name; every member of one cluster uses the same.</summary>
    public string SystemName { get; init; } = ClusterNames.ActorSystemName;

    /// <summary>How often members heartbeat each other (Akka's default).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Heartbeat silence tolerated before a member is marked unreachable: an encoder saturating every core
    /// (and a GC of a 1080p frame pool) delays heartbeats by seconds; 1.5 s was seen to mark healthy members here.</summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long membership must be stable before the split-brain resolver downs unreachable members (Akka's
    /// recommended minimum is 7 s for 5 members and 13 s for 20).</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The Akka.Remote address scheme: <see cref="ClusterNames.SecuredProtocol"/> when <see cref="Farm"/> is set.</summary>
    public string Protocol => Farm is null ? ClusterNames.OpenProtocol : ClusterNames.SecuredProtocol;

    public string ResolvePublicHostname() => PublicHostname ?? AdvertisedAddress.For(IPAddress.Parse(Host));

    /// <summary>
    /// The interface Akka.Remote binds: <see cref="Host"/>, except that a member bound to all interfaces that advertises
    /// one of this machine's own addresses binds that address only. Bound to all, it also answered on the machine's
    /// other addresses under a name that is not its own: a restarted seed's member book held the node ports of an earlier
    /// run under the LAN address, the nodes of the new run (advertising 127.0.0.1) took the same ports, and the seed's
    /// search for its old farm reached them there; those nodes then never finished joining. Bound to the advertised
    /// address, the stale address is refused and the search ends in seconds.
    /// </summary>
    /// <param name="advertised">What <see cref="ResolvePublicHostname"/> returned (it may ask the routing table, so once).</param>
    public string BindHost(string advertised) =>
        IPAddress.TryParse(Host, out var bound) && bound.Equals(IPAddress.Any)
            && IPAddress.TryParse(advertised, out var own) && AdvertisedAddress.IsLocal(own)
            ? advertised
            : Host;

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
    /// the LAN defaults' ~15 s: for tests that kill members on one machine.
    /// </summary>
    public VtrClusterOptions WithQuickFailureDetection(TimeSpan pause) => this with
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(250),
        AcceptableHeartbeatPause = pause,
        StableAfter = pause,
    };

    /// <summary>Seed entries as Akka addresses (full addresses pass through; HOST:PORT is taken as an Akka endpoint).</summary>
    public ImmutableArray<string> SeedAddresses() =>
        SeedNodes.Select(seed => seed.Contains("://", StringComparison.Ordinal) ? seed : $"{Protocol}://{SystemName}@{seed}")
            .ToImmutableArray();
}
