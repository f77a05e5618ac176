using System.Collections.Immutable;
using Vtr.Cli.Transport;
using Vtr.Shared.Wire;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// Collects the node's encoded PACKETs of one session, and its QUALITY measurement if it sends one, until DONE; ERROR, a
/// closed connection or a node that sends nothing for <c>idleTimeout</c> (it died without a FIN/RST reaching us, or
/// hangs) is a failure.
/// </summary>
internal static class SegmentPacketReceiver
{
    /// <param name="onPacket">Called after each PACKET (returns a send credit, reports progress).</param>
    /// <param name="idleTimeout">Longest silence between two messages from the node.</param>
    /// <param name="clock">The clock the silence is measured on.</param>
    public static async Task<ReceivedSegment> ReceiveAsync(
        Vtr1Client client, int expected, Action onPacket, TimeSpan idleTimeout, TimeProvider clock, CancellationToken ct)
    {
        var packets = ImmutableArray.CreateBuilder<EncodedPacket>(expected);
        QualityMessage? quality = null;
        using var silence = new CancellationTokenSource(Timeout.InfiniteTimeSpan, clock);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct, silence.Token);
        while (true)
        {
            IVtr1Message? message;
            silence.CancelAfter(idleTimeout); // restarts the silence clock for this message
            try
            {
                message = await client.ReceiveAsync(idle.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new SegmentRunException(
                    $"node sent nothing for {idleTimeout.TotalSeconds:0.#} s after {packets.Count} of {expected} packets", ex);
            }

            switch (message)
            {
                case PacketMessage packet:
                    packets.Add(new EncodedPacket(packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe, packet.Data));
                    onPacket();
                    break;
                case QualityMessage measured:
                    quality = measured;
                    break;
                case DoneMessage:
                    return new ReceivedSegment(packets.ToImmutable(), quality);
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

/// <summary>What a node returned for one segment: its packets in decode order and its own measurement, if it sent one.</summary>
internal sealed record ReceivedSegment(ImmutableArray<EncodedPacket> Packets, QualityMessage? Quality);

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
