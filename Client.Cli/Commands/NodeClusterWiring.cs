using Akka.Hosting;

namespace Vtr.Cli.Commands;

/// <summary>How a node joins the cluster when --seed is given (nothing otherwise).</summary>
public static class NodeClusterWiring
{
    public static Action<AkkaConfigurationBuilder, IServiceProvider>? For(IReadOnlyList<string> seeds) =>
        seeds.Count == 0 ? null : (_, _) => { };
}
