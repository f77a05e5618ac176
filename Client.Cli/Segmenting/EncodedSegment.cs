using System.Collections.Immutable;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Segmenting;

/// <summary>One encoded picture as the node returned it (Annex B), timestamps in the source video time base.</summary>
public sealed record EncodedPacket(long Pts, long Dts, long Duration, bool IsKeyframe, ReadOnlyMemory<byte> AnnexB);

/// <summary>
/// The validated result of one lease: the node's decoder configuration record (CONFIGURE_ACK extradata, avcC/hvcC)
/// and its packets in decode order.
/// </summary>
public sealed record EncodedSegment(
    int Index,
    LeaseId LeaseId,
    NodeId NodeId,
    ReadOnlyMemory<byte> DecoderConfiguration,
    ImmutableArray<EncodedPacket> Packets)
{
    /// <summary>The node's own measurement of the segment (QUALITY before DONE), or null when it sent none.</summary>
    public Media.SegmentMeasurement? NodeMeasurement { get; init; }

    /// <summary>The node decoded every packet back to the planned pictures (its <c>measure=decode</c> check), so the
    /// final check need not decode this segment again. Not stored: a resumed segment is decoded by the final check.</summary>
    public bool DecodedOnNode { get; init; }

    public long Bytes
    {
        get
        {
            long total = DecoderConfiguration.Length;
            foreach (var packet in Packets)
            {
                total += packet.AnnexB.Length;
            }

            return total;
        }
    }
}
