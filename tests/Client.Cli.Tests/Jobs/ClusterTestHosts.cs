using System.Collections.Immutable;
using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using Vtr.Node.Membership;
using Vtr.Seed.Hosting;
using Vtr.Shared.Cluster;
using Vtr.Testing.Cluster;

namespace Vtr.Client.Cli.Tests.Jobs;

/// <summary>The members these specs start: <see cref="ClusterHosts"/> with ~2 s failure detection and announcer-only nodes.</summary>
internal static class ClusterTestHosts
{
    private static readonly TimeSpan Detection = TimeSpan.FromSeconds(2);

    public static Task<IHost> StartSeedAsync(ImmutableArray<string> seeds) => ClusterHosts.StartSeedAsync(seeds, Detection);

    public static Task<IHost> StartClientAsync(string seed) => ClusterHosts.StartClientAsync(seed, Detection);

    /// <summary>A node member that only announces <paramref name="info"/> (no VTR1 listener: the runner is gated).</summary>
    public static Task<IHost> StartNodeAsync(string seed, RegisterNode info, bool crashable = false) =>
        ClusterHosts.StartAsync(ClusterNames.NodeRole, [seed], Detection, akka =>
        {
            if (crashable)
            {
                // Terminating this system must look like a crash, not a graceful leave.
                akka.AddHocon("akka.coordinated-shutdown.run-by-actor-system-terminate = off", HoconAddMode.Prepend);
            }

            akka.WithJobCoordinatorProxy().WithNodeAnnouncer(info, new Vtr.Node.Sessions.FrameMeter());
        });

    public static RegisterNode NodeInfo(string id, int sessions) =>
        new(new NodeId(id), "127.0.0.1", 9000, "fake", false, ["h264"], [], sessions);
}
