using System.Collections.Immutable;
using Vtr.Cli.Transport;
using Vtr.Shared.Wire;

namespace Vtr.Cli.Segmenting;

/// <summary>Collects the node's encoded PACKETs of one session until DONE; ERROR or a closed connection is a failure.</summary>
internal static class SegmentPacketReceiver
{
    /// <param name="onPacket">Called after each PACKET (returns a send credit, reports progress).</param>
    public static async Task<ImmutableArray<EncodedPacket>> ReceiveAsync(Vtr1Client client, int expected, Action onPacket, CancellationToken ct)
    {
        var packets = ImmutableArray.CreateBuilder<EncodedPacket>(expected);
        while (true)
        {
            var message = await client.ReceiveAsync(ct).ConfigureAwait(false);
            switch (message)
            {
                case PacketMessage packet:
                    packets.Add(new EncodedPacket(packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe, packet.Data));
                    onPacket();
                    break;
                case DoneMessage:
                    return packets.ToImmutable();
                case ErrorMessage error:
                    throw new SegmentRunException($"node error {error.Code}: {error.Message}");
                case null:
                    throw new SegmentRunException($"node closed the session after {packets.Count} of {expected} packets");
                default:
                    // PING and other chatter: nothing to answer while the segment is in flight.
                    break;
            }
        }
    }
}

/// <summary>A segment run failed for a reason the node or the protocol gave; the message is one line.</summary>
public sealed class SegmentRunException : Exception
{
    public SegmentRunException()
    {
    }

    public SegmentRunException(string message)
        : base(message)
    {
    }

    public SegmentRunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
