using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Vtr.Node.Sessions;
using Vtr.Shared.Cluster;

namespace Vtr.Node.Membership;

public static class NodeAnnouncerHostingExtensions
{
    /// <summary>Actor name of the announcer.</summary>
    public const string ActorName = "node-announcer";

    /// <summary>
    /// Starts a <see cref="NodeAnnouncer"/> for <paramref name="info"/>, registered under <see cref="NodeAnnouncer"/>, and
    /// a <see cref="SpeedSampler"/> feeding it the speed counted by <paramref name="frames"/>. Needs the coordinator proxy
    /// (<c>WithJobCoordinatorProxy()</c>) and DistributedPubSub (<c>WithVtrCluster</c>) configured before it.
    /// </summary>
    public static AkkaConfigurationBuilder WithNodeAnnouncer(this AkkaConfigurationBuilder builder, RegisterNode info, FrameMeter frames) =>
        builder.WithActors((system, registry) =>
        {
            var coordinator = registry.Get<JobCoordinatorKey>();
            var mediator = DistributedPubSub.Get(system).Mediator;
            var announcer = system.ActorOf(NodeAnnouncer.Props(info, coordinator, mediator), ActorName);
            system.ActorOf(SpeedSampler.Props(frames, announcer), ActorName + "-speed");
            registry.Register<NodeAnnouncer>(announcer);
        });
}
