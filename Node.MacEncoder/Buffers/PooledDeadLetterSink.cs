using Akka.Actor;
using Akka.Event;

namespace Vtr.Node.Buffers;

/// <summary>
/// Returns the buffers of pooled messages that end as dead letters: a codec stopped with frames in its mailbox, a
/// session stopped with outputs or connection events still queued, a receive pump telling a session that is gone.
/// </summary>
/// <remarks>
/// A plain ref rather than an actor: the event stream calls it synchronously on the publishing thread, so it keeps
/// working while the actor system shuts down, when a subscribed actor may already have stopped and the dead letters
/// it was sent would themselves be lost.
/// </remarks>
public sealed class PooledDeadLetterSink : MinimalActorRef
{
    private long _reclaimed;

    private PooledDeadLetterSink(IActorRefProvider provider)
    {
        Provider = provider;
        Path = provider.TempPath();
    }

    public override ActorPath Path { get; }

    public override IActorRefProvider Provider { get; }

    /// <summary>Pooled messages disposed here so far (a diagnostic: each is a message no handler took).</summary>
    public long Reclaimed => Interlocked.Read(ref _reclaimed);

    /// <summary>The sink of <paramref name="system"/>, subscribed to its dead letters on first use.</summary>
    public static PooledDeadLetterSink For(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<PooledDeadLetterSinkExtension, PooledDeadLetterSinkProvider>().Sink;
    }

    internal static PooledDeadLetterSink Subscribe(ExtendedActorSystem system)
    {
        var sink = new PooledDeadLetterSink(system.Provider);
        // AllDeadLetters also covers Dropped and UnhandledMessage: any pooled message that no handler took.
        system.EventStream.Subscribe(sink, typeof(AllDeadLetters));
        return sink;
    }

    protected override void TellInternal(object message, IActorRef sender)
    {
        if (message is AllDeadLetters { Message: IPooledMessage pooled })
        {
            pooled.Dispose();
            Interlocked.Increment(ref _reclaimed);
        }
    }
}
