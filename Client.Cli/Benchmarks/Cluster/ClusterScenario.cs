using System.Collections.Immutable;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Media;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>One configuration of `vtr bench cluster`: k nodes, the segment transport, and whether segments travel in
/// farm TLS.</summary>
internal sealed record ClusterScenario(string Name, int Nodes, TransportChoice Transport, WireCompression Compression, bool Tls = false)
{
    public static ImmutableArray<ClusterScenario> For(ClusterBenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Secure)
        {
            // Pairs that differ only in TLS, from the smallest segment traffic (source packets) to the largest (raw NV12).
            return
            [
                new("1 node", 1, TransportChoice.Packets, WireCompression.None),
                new("1 node, TLS", 1, TransportChoice.Packets, WireCompression.None, Tls: true),
                new("3 nodes, raw lz4", 3, TransportChoice.Raw, WireCompression.Lz4),
                new("3 nodes, raw lz4, TLS", 3, TransportChoice.Raw, WireCompression.Lz4, Tls: true),
                new("3 nodes, raw", 3, TransportChoice.Raw, WireCompression.None),
                new("3 nodes, raw, TLS", 3, TransportChoice.Raw, WireCompression.None, Tls: true),
            ];
        }

        return [.. options.Nodes.Select(k => new ClusterScenario(NameOf(k), k, TransportChoice.Packets, WireCompression.None))];
    }

    public static string NameOf(int nodes) => nodes == 1 ? "1 node" : $"{nodes} nodes";
}
