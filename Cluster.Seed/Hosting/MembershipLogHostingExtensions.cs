using Akka.Hosting;

namespace Vtr.Seed.Hosting;

public static class MembershipLogHostingExtensions
{
    /// <summary>Starts the <see cref="MembershipLog"/> of a daemon (seed or node).</summary>
    public static AkkaConfigurationBuilder WithMembershipLog(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, _) => system.ActorOf(MembershipLog.Props(), "membership-log"));
}
