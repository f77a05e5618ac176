using System.Collections.Immutable;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Media;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>One embedded-cluster configuration: the x264 preset of each node (one node per entry), the transport, and
/// whether segments travel in farm TLS.</summary>
internal sealed record ClusterScenario(string Name, ImmutableArray<string> NodePresets, TransportChoice Transport, WireCompression Compression, bool Tls = false)
{
    public static ImmutableArray<ClusterScenario> For(ClusterBenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var p = options.Preset;
        if (options.Secure)
        {
            // Pairs that differ only in TLS, from the smallest segment traffic (source packets) to the largest (raw NV12).
            return
            [
                new("1 node", [p], TransportChoice.Packets, WireCompression.None),
                new("1 node, TLS", [p], TransportChoice.Packets, WireCompression.None, Tls: true),
                new("3 nodes, raw lz4", [p, p, p], TransportChoice.Raw, WireCompression.Lz4),
                new("3 nodes, raw lz4, TLS", [p, p, p], TransportChoice.Raw, WireCompression.Lz4, Tls: true),
                new("3 nodes, raw", [p, p, p], TransportChoice.Raw, WireCompression.None),
                new("3 nodes, raw, TLS", [p, p, p], TransportChoice.Raw, WireCompression.None, Tls: true),
            ];
        }

        return
        [
            new("1 node", [p], TransportChoice.Packets, WireCompression.None),
            new("2 nodes", [p, p], TransportChoice.Packets, WireCompression.None),
            new("3 nodes", [p, p, p], TransportChoice.Packets, WireCompression.None),
            new("3 nodes, mixed presets", [options.FastPreset, p, options.SlowPreset],
                TransportChoice.Packets, WireCompression.None),
            new("3 nodes, raw lz4", [p, p, p], TransportChoice.Raw, WireCompression.Lz4),
        ];
    }
}
