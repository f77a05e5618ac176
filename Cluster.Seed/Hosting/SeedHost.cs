using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using Vtr.Shared.Cluster;

namespace Vtr.Seed.Hosting;

/// <summary>The Generic Host behind <c>vtr seed --host H --port P</c>: a seed member running the coordinator.</summary>
public static class SeedHost
{
    /// <summary>Builds (does not start) the seed host; the seed role is added to <paramref name="options"/>.</summary>
    public static IHost Build(VtrClusterOptions options, string[]? args = null)
    {
        var seedOptions = options.Roles.Contains(ClusterNames.SeedRole)
            ? options
            : options with { Roles = options.Roles.Add(ClusterNames.SeedRole) };
        var builder = Host.CreateApplicationBuilder(args ?? []);
        builder.Services.AddAkka(seedOptions.SystemName, akka => akka
            .ConfigureLoggers(loggers => loggers.AddLoggerFactory())
            .WithVtrCluster(seedOptions)
            .WithJobCoordinator());
        return builder.Build();
    }

    /// <summary>Runs a seed until <paramref name="cancellationToken"/> fires (Ctrl+C), then leaves the cluster.</summary>
    public static async Task RunAsync(VtrClusterOptions options, CancellationToken cancellationToken)
    {
        using var host = Build(options);
        await host.RunAsync(cancellationToken);
    }
}
