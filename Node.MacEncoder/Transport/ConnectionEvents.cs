using Vtr.Node.Buffers;
using Vtr.Shared.Wire;

namespace Vtr.Node.Transport;

/// <summary>What a <see cref="Vtr1Connection"/> tells its session: parsed messages and how the input ended.</summary>
public static class ConnectionEvents
{
    /// <summary>
    /// One whole, parsed VTR1 message. The receiver owns it: FRAME planes are pooled, so the receiver passes the
    /// frame on or disposes the event (which disposes the frame).
    /// </summary>
    public sealed record MessageReceived(IVtr1Message Message) : IPooledMessage
    {
        public void Dispose() => (Message as IDisposable)?.Dispose();
    }

    /// <summary>The peer closed its side at a message boundary.</summary>
    public sealed record PeerClosed
    {
        public static readonly PeerClosed Instance = new();
    }

    /// <summary>The input broke the protocol (bad magic, oversized length, malformed payload, truncated message).</summary>
    public sealed record ProtocolViolated(Vtr1ErrorCode Code, string Reason);

    /// <summary>The socket failed (reset, timeout); nothing can be sent any more.</summary>
    public sealed record ConnectionFailed(string Reason);
}
