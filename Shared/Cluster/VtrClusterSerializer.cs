using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace Vtr.Shared.Cluster;

/// <summary>
/// The one serializer for <see cref="IVtrClusterMessage"/>: System.Text.Json bodies with short, stable
/// manifests. A manifest, once shipped, never changes meaning; new messages get new manifests.
/// </summary>
public sealed class VtrClusterSerializer : SerializerWithStringManifest
{
    /// <summary>Our serializer id; Akka.NET reserves 0–100 for its own serializers.</summary>
    public const int SerializerIdentifier = 610;

    private static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.General);

    private static FrozenDictionary<Type, string> ManifestsByType { get; } = new Dictionary<Type, string>
    {
        [typeof(RegisterNode)] = "rn",
        [typeof(NodeStatusReport)] = "nsr",
        [typeof(SubmitJob)] = "sj",
        [typeof(JobAccepted)] = "ja",
        [typeof(SegmentLeased)] = "sl",
        [typeof(SegmentCompleted)] = "sc",
        [typeof(SegmentFailed)] = "sf",
        [typeof(LeaseCancelled)] = "lc",
        [typeof(JobCompleted)] = "jc",
        [typeof(JobFailed)] = "jf",
        [typeof(GetClusterStatus)] = "gcs",
        [typeof(ClusterStatus)] = "cs",
        [typeof(CoordinatorStarted)] = "cst",
        [typeof(NodeRegistered)] = "nrd",
        [typeof(SegmentCopyLost)] = "scl",
    }.ToFrozenDictionary();

    private static FrozenDictionary<string, Type> TypesByManifest { get; } =
        ManifestsByType.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public VtrClusterSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    public override int Identifier => SerializerIdentifier;

    /// <summary>Every message type this serializer knows, for tests and diagnostics.</summary>
    public static IReadOnlyCollection<Type> KnownTypes => ManifestsByType.Keys;

    public override string Manifest(object o) =>
        ManifestsByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType()} is not a vtr cluster message", nameof(o));

    public override byte[] ToBinary(object obj) => obj switch
    {
        // Parameterless singletons carry no body: the manifest alone identifies them.
        GetClusterStatus or CoordinatorStarted => [],
        IVtrClusterMessage message => JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), Json),
        _ => throw new ArgumentException($"{obj.GetType()} is not a vtr cluster message", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!TypesByManifest.TryGetValue(manifest, out var type))
        {
            throw new SerializationException($"Unknown vtr cluster message manifest '{manifest}'");
        }

        if (type == typeof(GetClusterStatus))
        {
            return GetClusterStatus.Instance;
        }

        if (type == typeof(CoordinatorStarted))
        {
            return CoordinatorStarted.Instance;
        }

        return JsonSerializer.Deserialize(bytes, type, Json)
            ?? throw new SerializationException($"Empty body for vtr cluster message '{manifest}'");
    }
}
