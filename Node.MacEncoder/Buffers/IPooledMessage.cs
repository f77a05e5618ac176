namespace Vtr.Node.Buffers;

/// <summary>
/// A message that owns pooled buffers (FRAME planes, encoded packets, decoded pictures). Ownership travels with the
/// message: the handler that takes the payload out disposes the payload (or passes it on), and a message nobody
/// handles — a dead letter, a stashed message of a stopped session — is disposed by whoever holds it last
/// (<see cref="PooledDeadLetterSink"/>, the session's PostStop). Disposing returns the buffers; it is idempotent.
/// </summary>
public interface IPooledMessage : IDisposable;
