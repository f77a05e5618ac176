using Akka.Serialization;
using Vtr.Shared.Cluster;

namespace Vtr.Cluster.Seed.Tests.Serialization;

public sealed class VtrClusterSerializerSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static JobId Job { get; } = new("job-1");
    private static NodeId Node { get; } = new("mac-mini-1");
    private static LeaseId Lease { get; } = new(Guid.Parse("7b0c1c3e-58a2-4a61-9d55-3a6f4c1f0b11"));

    public VtrClusterSerializerSpecs()
        : base(VtrSerializationConfig.Hocon)
    {
    }

    private static IVtrClusterMessage[] Samples { get; } =
    [
        new RegisterNode(Node, "10.0.0.5", 7000, "videotoolbox", true, ["h264", "hevc"], ["h264", "hevc", "prores"], 4, Version: "0.1.0+c925ba3"),
        new NodeStatusReport(Node, 2, 143.5),
        new SubmitJob(Job, "laptop", "hevc", "h264", [new SegmentSpec(0, 0, 90_000, 60), new SegmentSpec(1, 90_000, 180_000, 60)]),
        new JobAccepted(Job, 2),
        new SegmentLeased(Job, 1, Lease, Node, "10.0.0.5", 7000, SegmentTransport.Packets),
        new SegmentCompleted(Job, 1, Lease, 60, 0.75),
        new SegmentFailed(Job, 1, Lease, "session closed"),
        new LeaseCancelled(Job, 1, Lease),
        new JobCompleted(Job),
        new JobFailed(Job, "no eligible node"),
        GetClusterStatus.Instance,
        new ClusterStatus(
            [new NodeView(Node, "10.0.0.5", 7000, "videotoolbox", true, 4, 1, 2, 143.5, ["hevc"], "0.1.0+c925ba3"),
             new NodeView(new NodeId("killed"), "10.0.0.6", 7000, "ffmpeg", false, 2, 0, 0, 0, ["h264"], "0.1.0+c925ba3", UnreachableSeconds: 3.5)],
            [new JobView(Job, "laptop", "hevc", 10, 4, 5, 1)]),
        CoordinatorStarted.Instance,
        new NodeRegistered(Node),
        new SegmentCopyLost(Job, 1, Lease),
    ];

    public static TheoryData<IVtrClusterMessage> Messages() => new(Samples);

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_cluster_message_round_trips_through_the_bound_serializer(IVtrClusterMessage message)
    {
        var serialization = Sys.Serialization;
        var serializer = Assert.IsType<VtrClusterSerializer>(serialization.FindSerializerFor(message));

        var bytes = serializer.ToBinary(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var back = serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.Equal(Json(message), Json(back));
        Assert.Equal(message.GetType(), back.GetType());
    }

    [Fact]
    public void Every_known_type_has_a_round_trip_case_and_a_short_unique_manifest()
    {
        var covered = Samples.Select(m => m.GetType()).ToHashSet();
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(JobCompleted));
        var manifests = Samples.Select(serializer.Manifest).ToList();

        Assert.Subset(covered, VtrClusterSerializer.KnownTypes.ToHashSet());
        Assert.Equal(manifests.Count, manifests.Distinct().Count());
        Assert.All(manifests, m => Assert.InRange(m.Length, 1, 3));
    }

    [Fact]
    public void Singletons_deserialize_to_their_instance()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(CoordinatorStarted.Instance);

        Assert.Same(CoordinatorStarted.Instance, serializer.FromBinary([], serializer.Manifest(CoordinatorStarted.Instance)));
        Assert.Same(GetClusterStatus.Instance, serializer.FromBinary([], serializer.Manifest(GetClusterStatus.Instance)));
    }

    [Fact]
    public void A_registration_from_a_node_older_than_the_version_field_still_deserializes_without_a_version()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(RegisterNode));
        // The body a node built before the Version field sends: every other field, no "Version" key.
        var old = """
            {"NodeId":{"Value":"mac-mini-1"},"Host":"10.0.0.5","Port":7000,"Backend":"videotoolbox","IsHardware":true,
             "EncodeCodecs":["h264"],"DecodeCodecs":["h264"],"MaxSessions":4,"SessionsInUse":1}
            """u8.ToArray();

        var back = Assert.IsType<RegisterNode>(serializer.FromBinary(old, serializer.Manifest(Samples[0])));

        Assert.Null(back.Version);
        Assert.Equal(4, back.MaxSessions);
        Assert.Equal(1, back.SessionsInUse);
    }

    /// <summary>Records holding ImmutableArray compare by reference; compare their JSON instead.</summary>
    private static string Json(object message) => System.Text.Json.JsonSerializer.Serialize(message, message.GetType());
}
