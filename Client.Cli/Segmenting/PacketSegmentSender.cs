using Vtr.Cli.Media;
using Vtr.Cli.Transport;
using Vtr.Shared.Wire;

namespace Vtr.Cli.Segmenting;

/// <summary>Packets transport: streams the segment's source packets (Annex B, decode order, with the open-GOP lead-in)
/// to a node in transcode mode, then FLUSH. TCP provides the backpressure.</summary>
internal static class PacketSegmentSender
{
    public static async Task SendAsync(Vtr1Client client, MediaInfo info, SegmentPlan plan, CancellationToken ct)
    {
        using var reader = SourcePacketReader.Open(info);
        foreach (var packet in reader.ReadSegment(plan))
        {
            ct.ThrowIfCancellationRequested();
            await client.SendPacketAsync(packet.AnnexB.Span, packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe, ct).ConfigureAwait(false);
        }

        await client.SendAsync(FlushMessage.Instance, ct).ConfigureAwait(false);
    }
}
