using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vtr.Cli.Logging;
using Vtr.Seed.Contact;
using Vtr.Seed.Hosting;
using Vtr.Shared.Cluster;
using Vtr.Shared.Security;

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
    /// <summary>How long `vtr transcode --seed`/`vtr status` wait for a reachable but slow cluster (--join-timeout).</summary>
    public static readonly TimeSpan DefaultJoinTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long the embedded cluster may take to form in this process.</summary>
    public static readonly TimeSpan EmbeddedJoinTimeout = TimeSpan.FromSeconds(30);

    private readonly IHost _host;

    protected ClusterConnection(IHost host, FarmCredentials? farm = null)
    {
        _host = host;
        Farm = farm;
        System = host.Services.GetRequiredService<ActorSystem>();
        Coordinator = host.Services.GetRequiredService<ActorRegistry>().Get<JobCoordinatorKey>();
        Mediator = DistributedPubSub.Get(System).Mediator;
    }

    public ActorSystem System { get; }

    public IActorRef Coordinator { get; }

    public IActorRef Mediator { get; }

    /// <summary>The farm credentials this connection joined with (segments go over TLS with them); null for an open farm
    /// and the embedded cluster, whose members all live in this process.</summary>
    public FarmCredentials? Farm { get; }

    /// <summary>
    /// Joins the cluster through the seeds' contact points as a <see cref="ClusterNames.ClientRole"/> member. Throws
    /// <see cref="ClusterUnreachableException"/> at once when every seed refuses the connection, and after
    /// <paramref name="timeout"/> when the cluster is reachable but this member is not up by then;
    /// <see cref="FarmAccessDeniedException"/> when the farm turns this machine away. With <paramref name="farm"/> the
    /// contact point, Akka.Remote and the segments all run over mutual TLS with the farm certificate.
    /// </summary>
    public static async Task<ClusterConnection> JoinAsync(
        IReadOnlyList<SeedEndPoint> seeds, TimeSpan timeout, Action<string>? onWaiting, CancellationToken ct, FarmCredentials? farm = null)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var started = DateTimeOffset.UtcNow;
        var seedsText = string.Join(", ", seeds);
        JoinPlan plan;
        try
        {
            plan = await new ClusterJoinResolver(onWaiting, farm).ResolveAsync(seeds, timeout, waitWhenRefused: false, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ContactRefusedException or JoinTimedOutException)
        {
            throw new ClusterUnreachableException(ex.Message, ex);
        }

        var options = new VtrClusterOptions
        {
            Port = 0,
            PublicHostname = plan.AdvertisedHost,
            Roles = [ClusterNames.ClientRole],
            SeedNodes = plan.SeedAddresses,
            Farm = farm,
        };
        var left = timeout - (DateTimeOffset.UtcNow - started);
        var host = await StartHostAsync(options, akka => akka.WithJobCoordinatorProxy(), left > TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5), seedsText, ct).ConfigureAwait(false);
        return new ClusterConnection(host, farm);
    }

    /// <summary>Builds and starts a host with the vtr cluster wiring, then waits until this member is up.</summary>
    protected static async Task<IHost> StartHostAsync(
        VtrClusterOptions options, Action<AkkaConfigurationBuilder> configure, TimeSpan timeout, string seedsText, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // Ctrl-C belongs to the command (InterruptHandler): the host must not stop itself in parallel.
        CommandLineLifetime.Install(builder.Services);
        builder.Services.AddAkka(options.SystemName, akka =>
        {
            // A client's console is its progress display: Akka's own lines never appear there.
            // Nor may Akka's exit hook: a forced exit after Ctrl-C would wait in it for a graceful cluster leave (seconds on
            // a farm); the farm downs an abruptly gone client by itself.
            akka.AddHocon(
                "akka.loglevel = OFF\nakka.stdout-loglevel = OFF\nakka.log-dead-letters = off\nakka.coordinated-shutdown.run-by-clr-shutdown-hook = off",
                HoconAddMode.Prepend);
            akka.WithVtrCluster(options);
            configure(akka);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(ct).ConfigureAwait(false);
            try
            {
                await WaitUntilMemberAsync(Akka.Cluster.Cluster.Get(host.Services.GetRequiredService<ActorSystem>())).WaitAsync(timeout, ct).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                throw new ClusterUnreachableException($"could not join the cluster at {seedsText} within {timeout.TotalSeconds:0} s", ex);
            }

            return host;
        }
        catch
        {
            await HostShutdown.StopAndDisposeAsync(host).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Up, or weakly up: while a crashed member is still being downed the cluster cannot converge, and a client need not
    /// wait for that to reach the coordinator (Akka's allow-weakly-up-members).
    /// </summary>
    private static async Task WaitUntilMemberAsync(Akka.Cluster.Cluster cluster)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (cluster.SelfMember.Status is not (Akka.Cluster.MemberStatus.Up or Akka.Cluster.MemberStatus.WeaklyUp))
        {
            await tick.WaitForNextTickAsync().ConfigureAwait(false);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        await HostShutdown.StopAndDisposeAsync(_host).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
