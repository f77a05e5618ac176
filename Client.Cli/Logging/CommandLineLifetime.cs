using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Vtr.Cli.Logging;

/// <summary>
/// A host lifetime that leaves SIGINT/SIGTERM to the command line (System.CommandLine cancels the command's token). The
/// default console lifetime would stop the host on its own, and a daemon could not tell that stop from a removal by
/// the cluster, after which it must join again instead of exiting.
/// </summary>
public sealed class CommandLineLifetime : IHostLifetime
{
    public static void Install(IServiceCollection services) => services.AddSingleton<IHostLifetime, CommandLineLifetime>();

    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
