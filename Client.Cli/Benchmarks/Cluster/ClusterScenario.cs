using System.Collections.Immutable;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Media;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>One embedded-cluster configuration: the x264 preset of each node (one node per entry) and the transport.</summary>
internal sealed record ClusterScenario(string Name, ImmutableArray<string> NodePresets, TransportChoice Transport, WireCompression Compression)
{
    public static ImmutableArray<ClusterScenario> For(ClusterBenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var p = options.Preset;
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
