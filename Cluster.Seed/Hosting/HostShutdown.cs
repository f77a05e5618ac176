using Microsoft.Extensions.Hosting;

namespace Vtr.Seed.Hosting;

/// <summary>Stops a cluster member's host (a graceful leave) within a bound, then disposes it.</summary>
public static class HostShutdown
{
    public static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(10);

    public static async Task StopAndDisposeAsync(IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var timeout = new CancellationTokenSource(LeaveTimeout);
        try
        {
            await host.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Leaving took too long (the seed or every other member is gone): the member ends anyway.
        }

        host.Dispose();
    }
}
