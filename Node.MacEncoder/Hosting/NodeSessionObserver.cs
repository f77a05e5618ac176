using Akka.Actor;

namespace Vtr.Node.Hosting;

/// <summary>Where session-count changes go besides the log: the cluster announcer when the node joined a seed.</summary>
public sealed class NodeSessionObserver
{
    public IActorRef? Target { get; set; }
}
