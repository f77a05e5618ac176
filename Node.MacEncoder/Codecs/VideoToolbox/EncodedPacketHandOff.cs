namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>The encoder's use of <see cref="HandOffQueue{T}"/>: packets in presentation order with repaired DTS, drops by flag.</summary>
public static class EncodedPacketHandOff
{
    /// <summary>A queue that passes each packet through a fresh <see cref="TimestampTracker"/> (duplicates dropped, DTS fixed).</summary>
    public static HandOffQueue<EncodedPacket> Create(int capacity)
    {
        var tracker = new TimestampTracker();
        return new HandOffQueue<EncodedPacket>(capacity, packet =>
        {
            if (!tracker.TryTrack(packet.Pts, packet.Dts, out var dts))
            {
                return false;
            }

            packet.Dts = dts;
            return true;
        });
    }

    /// <summary>
    /// Records the infoFlagsOut of the VTCompressionSessionEncodeFrame call that took <paramref name="ticket"/>'s frame.
    /// A synchronous drop frees the slot now: VTCompressionSession.h promises no output for it, and a callback that
    /// comes anyway finds the ticket released and frees nothing.
    /// </summary>
    public static void Submitted(this HandOffQueue<EncodedPacket> queue, nint ticket, VtEncodeInfoFlags infoFlags)
    {
        if ((infoFlags & VtEncodeInfoFlags.FrameDropped) != 0)
        {
            queue.Release(ticket);
        }
    }
}
