using System.Collections.Immutable;
using System.Text.Json;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// What <see cref="SegmentResultStore"/> writes beside a segment's packet file: everything of the
/// <see cref="EncodedSegment"/> but the packet bytes, as JSON, so a later run can reuse the segment.
/// </summary>
internal sealed record StoredSegmentHeader(
    int Index,
    Guid Lease,
    string Node,
    byte[] DecoderConfiguration,
    ImmutableArray<StoredPacket> Packets,
    long PacketBytes)
{
    public static StoredSegmentHeader From(EncodedSegment segment) => new(
        segment.Index,
        segment.LeaseId.Value,
        segment.NodeId.Value,
        segment.DecoderConfiguration.ToArray(),
        [.. segment.Packets.Select(p => new StoredPacket(p.Pts, p.Dts, p.Duration, p.IsKeyframe, p.AnnexB.Length))],
        segment.Packets.Sum(p => (long)sizeof(int) + p.AnnexB.Length));

    /// <summary>The segment without packet bytes (<see cref="SegmentResultStore.Header"/>'s shape).</summary>
    public EncodedSegment ToHeader() => new(
        Index,
        new LeaseId(Lease),
        new NodeId(Node),
        DecoderConfiguration,
        [.. Packets.Select(p => new EncodedPacket(p.Pts, p.Dts, p.Duration, p.IsKeyframe, ReadOnlyMemory<byte>.Empty))]);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <summary>Null when the file is not a header this version wrote (damaged, truncated, another format).</summary>
    public static StoredSegmentHeader? FromJson(byte[] json)
    {
        try
        {
            var header = JsonSerializer.Deserialize<StoredSegmentHeader>(json);
            return header is { Packets.IsDefault: false, DecoderConfiguration: not null, Node: not null } ? header : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One packet's timestamps, flags and byte count.</summary>
internal sealed record StoredPacket(long Pts, long Dts, long Duration, bool IsKeyframe, int Length);
