using Akka.Actor;

namespace Vtr.Node.Buffers;

/// <summary>Holds the one <see cref="PooledDeadLetterSink"/> of an actor system.</summary>
public sealed class PooledDeadLetterSinkExtension(PooledDeadLetterSink sink) : IExtension
{
    public PooledDeadLetterSink Sink { get; } = sink;
}

/// <summary>Creates the sink once per actor system (Akka's extension mechanism guarantees the once).</summary>
public sealed class PooledDeadLetterSinkProvider : ExtensionIdProvider<PooledDeadLetterSinkExtension>
{
    public override PooledDeadLetterSinkExtension CreateExtension(ExtendedActorSystem system) =>
        new(PooledDeadLetterSink.Subscribe(system));
}
