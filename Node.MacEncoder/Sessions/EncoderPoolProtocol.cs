using Vtr.Node.Transport;

namespace Vtr.Node.Sessions;

/// <summary>
/// Messages of the <see cref="EncoderPool"/>. Supervision: every failed SessionActor is stopped, never restarted
/// (its socket cannot be resumed); the other sessions never notice.
/// </summary>
public static class EncoderPoolProtocol
{
    /// <summary>A new TCP connection; the pool takes ownership of it.</summary>
    public sealed record ConnectionAccepted(Vtr1Connection Connection);

    /// <summary>
    /// From a session about to send its last message (DONE, ERROR, a refusing HELLO_ACK): its slot is free now,
    /// not when the client gets round to closing the socket, so a client that starts its next session at once
    /// is not refused as busy.
    /// </summary>
    public sealed record SessionFinished
    {
        public static readonly SessionFinished Instance = new();
    }

    public sealed record GetPoolStatus
    {
        public static readonly GetPoolStatus Instance = new();
    }

    public sealed record PoolStatus(int ActiveSessions, int MaxSessions, long SessionsServed, long SessionsRefusedBusy);

    /// <summary>Sent to the optional observer (the cluster announcer) whenever the number of sessions changes.</summary>
    public sealed record SessionCountChanged(int ActiveSessions, int MaxSessions);
}
