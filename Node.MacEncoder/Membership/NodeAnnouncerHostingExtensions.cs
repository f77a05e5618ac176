using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Vtr.Shared.Cluster;

namespace Vtr.Node.Membership;

public static class NodeAnnouncerHostingExtensions
{
    /// <summary>Actor name of the announcer.</summary>
    public const string ActorName = "node-announcer";

    /// <summary>
    /// Starts a <see cref="NodeAnnouncer"/> for <paramref name="info"/>, registered under
    /// <see cref="NodeAnnouncer"/>. Needs the coordinator proxy (<c>WithJobCoordinatorProxy()</c>) and
    /// DistributedPubSub (<c>WithVtrCluster</c>) configured before it.
    /// </summary>
    public static AkkaConfigurationBuilder WithNodeAnnouncer(this AkkaConfigurationBuilder builder, RegisterNode info) =>
        builder.WithActors((system, registry) =>
        {
            var coordinator = registry.Get<JobCoordinatorKey>();
            var mediator = DistributedPubSub.Get(system).Mediator;
            var announcer = system.ActorOf(NodeAnnouncer.Props(info, coordinator, mediator), ActorName);
            registry.Register<NodeAnnouncer>(announcer);
        });
}
