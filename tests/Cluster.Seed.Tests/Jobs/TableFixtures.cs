using System.Collections.Immutable;
using Vtr.Shared.Cluster;

namespace Vtr.Cluster.Seed.Tests.Jobs;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

internal static class TableFixtures
{
    public static RegisterNode Node(string id, int sessions = 1, string[]? encodes = null, string[]? decodes = null, string backend = "x264") =>
        new(new NodeId(id), $"{id}.local", 7000, backend, false,
            [.. encodes ?? ["h264"]], [.. decodes ?? []], sessions);

    public static NodeStatusReport Speed(string id, double fps, int inUse = 0) => new(new NodeId(id), inUse, fps);

    public static SubmitJob Job(string id, int segments, string codec = "h264", string sourceCodec = "hevc", int frames = 100) =>
        new(new JobId(id), "client", codec, sourceCodec,
            Enumerable.Range(0, segments).Select(i => new SegmentSpec(i, i * 1000L, (i + 1) * 1000L, frames)).ToImmutableArray());

    public static SegmentCompleted Done(SegmentLeased lease, int frames = 100) =>
        new(lease.JobId, lease.SegmentIndex, lease.LeaseId, frames, 1.0);

    public static SegmentFailed Failed(SegmentLeased lease, string reason = "encoder crashed") =>
        new(lease.JobId, lease.SegmentIndex, lease.LeaseId, reason);
}
