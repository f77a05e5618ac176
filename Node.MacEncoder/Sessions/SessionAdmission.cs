namespace Vtr.Node.Sessions;

/// <summary>What the pool decided when the connection arrived, and what HELLO_ACK reports about the node.</summary>
/// <param name="Busy">Over max_sessions: answer HELLO with the busy status and close.</param>
public sealed record SessionAdmission(bool Busy, ushort MaxSessions, ushort ActiveSessions);
