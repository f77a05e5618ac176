using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vtr.Seed.Hosting;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Embedded;

/// <summary>No seed answered within the join timeout.</summary>
public sealed class ClusterUnreachableException : Exception
{
    public ClusterUnreachableException()
    {
    }

    public ClusterUnreachableException(string message)
        : base(message)
    {
    }

    public ClusterUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A client's membership in a vtr cluster: its ActorSystem (member up), the coordinator proxy and the
/// DistributedPubSub mediator. Either joined to remote seeds (<see cref="JoinAsync"/>) or an
/// <see cref="EmbeddedCluster"/> that also runs the seed and the nodes in this process.
/// </summary>
public class ClusterConnection : IAsyncDisposable
{
    public static readonly TimeSpan DefaultJoinTimeout = TimeSpan.FromSeconds(15);

    private readonly IHost _host;

    protected ClusterConnection(IHost host)
    {
        _host = host;
        System = host.Services.GetRequiredService<ActorSystem>();
        Coordinator = host.Services.GetRequiredService<ActorRegistry>().Get<JobCoordinatorKey>();
        Mediator = DistributedPubSub.Get(System).Mediator;
    }

    public ActorSystem System { get; }

    public IActorRef Coordinator { get; }

    public IActorRef Mediator { get; }

    /// <summary>Joins the seeds as a <see cref="ClusterNames.ClientRole"/> member; throws
    /// <see cref="ClusterUnreachableException"/> when the member is not up within <paramref name="timeout"/>.</summary>
    public static async Task<ClusterConnection> JoinAsync(IReadOnlyList<string> seeds, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var options = new VtrClusterOptions
        {
            Port = 0,
            Roles = [ClusterNames.ClientRole],
            SeedNodes = [.. seeds],
        };
        var host = await StartHostAsync(options, akka => akka.WithJobCoordinatorProxy(), timeout, string.Join(", ", seeds), ct).ConfigureAwait(false);
        return new ClusterConnection(host);
    }

    /// <summary>Builds and starts a host with the vtr cluster wiring, then waits until this member is up.</summary>
    protected static async Task<IHost> StartHostAsync(
        VtrClusterOptions options, Action<AkkaConfigurationBuilder> configure, TimeSpan timeout, string seedsText, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka(options.SystemName, akka =>
        {
            akka.AddHocon("akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR\nakka.log-dead-letters = off", HoconAddMode.Prepend);
            akka.WithVtrCluster(options);
            configure(akka);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(ct).ConfigureAwait(false);
            var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Akka.Cluster.Cluster.Get(host.Services.GetRequiredService<ActorSystem>()).RegisterOnMemberUp(() => up.TrySetResult());
            try
            {
                await up.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                throw new ClusterUnreachableException($"could not join the cluster at {seedsText} within {timeout.TotalSeconds:0} s", ex);
            }

            return host;
        }
        catch
        {
            await StopAsync(host).ConfigureAwait(false);
            throw;
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        await StopAsync(_host).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private static async Task StopAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await host.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Leaving the cluster took too long (the seed is gone): the process ends anyway.
        }

        host.Dispose();
    }
}
