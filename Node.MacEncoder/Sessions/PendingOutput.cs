using Vtr.Node.Codecs;
using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

/// <summary>One output waiting for the socket: an encoded packet, a decoded picture already written as a FRAME, or a
/// control message (PONG, DONE, ERROR...). Exactly one is set; the pooled ones are owned by whoever holds this.</summary>
public readonly record struct PendingOutput
{
    private PendingOutput(EncodedPacket? packet, OutboundFrame? frame, IVtr1Message? control)
    {
        Packet = packet;
        Frame = frame;
        Control = control;
    }

    public EncodedPacket? Packet { get; }

    public OutboundFrame? Frame { get; }

    public IVtr1Message? Control { get; }

    public static PendingOutput Of(EncodedPacket packet) => new(packet, null, null);

    public static PendingOutput Of(OutboundFrame frame) => new(null, frame, null);

    public static PendingOutput Of(IVtr1Message control) => new(null, null, control);

    /// <summary>Returns a pooled payload that will never be sent.</summary>
    public void Dispose()
    {
        Packet?.Dispose();
        Frame?.Dispose();
    }
}
