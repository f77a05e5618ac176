using System.Net;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using Vtr.Shared.Cluster;
using Vtr.Shared.Security;

namespace Vtr.Seed.Contact;

/// <summary>Where a seed serves its contact point, and the farm credentials that secure it (null: an open farm).</summary>
public sealed record ContactPointOptions(IPEndPoint EndPoint, FarmCredentials? Farm = null);

/// <summary>Runs the seed's <see cref="ContactPointListener"/> for the lifetime of the host (after the ActorSystem started).</summary>
public sealed class ContactPointService(ActorSystem system, ActorRegistry registry, ContactPointOptions options) : IHostedService
{
    private ContactPointListener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = ContactPointListener.Start(options.EndPoint, system, registry.Get<JobCoordinatorKey>(), options.Farm);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }
    }
}
