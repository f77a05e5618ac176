using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Vtr.Seed.Hosting;

/// <summary>
/// Keeps a daemon (`vtr seed`, `vtr node --seed`) in the cluster for as long as it runs. A member that the cluster
/// removes — downed by the split-brain resolver after a real partition, a laptop that slept, quarantined — cannot join
/// again with the same ActorSystem, so the daemon starts a new host (a new incarnation, same address) that joins
/// again, instead of exiting. Only cancellation (SIGINT/SIGTERM) ends the loop, with a graceful leave.
/// </summary>
public static class IncarnationLoop
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Runs incarnations built and started by <paramref name="startIncarnation"/> (given its number, from 1) until
    /// <paramref name="ct"/> fires. An exception from starting the first incarnation propagates (a taken port, a missing
    /// codec); a later one is reported through <paramref name="say"/> and retried.
    /// </summary>
    public static async Task RunAsync(Func<int, CancellationToken, Task<IHost>> startIncarnation, Action<string> say, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(startIncarnation);
        ArgumentNullException.ThrowIfNull(say);
        var pause = FirstPause;
        for (var incarnation = 1; !ct.IsCancellationRequested; incarnation++)
        {
            IHost host;
            try
            {
                host = await startIncarnation(incarnation, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (incarnation > 1 && ex is not OutOfMemoryException)
            {
                say($"could not start again ({ex.Message}); retrying in {pause.TotalSeconds:0} s");
                await PauseAsync(pause, ct).ConfigureAwait(false);
                pause = Longer(pause);
                continue;
            }

            var removed = await WaitForRemovalAsync(host, ct).ConfigureAwait(false);
            await HostShutdown.StopAndDisposeAsync(host).ConfigureAwait(false);
            if (!removed || ct.IsCancellationRequested)
            {
                return;
            }

            say($"this member was removed from the cluster; joining again as a new incarnation in {pause.TotalSeconds:0} s");
            await PauseAsync(pause, ct).ConfigureAwait(false);
            pause = Longer(pause);
        }
    }

    /// <summary>True when the member left the cluster on its own (removed, system terminated); false when asked to stop.</summary>
    private static async Task<bool> WaitForRemovalAsync(IHost host, CancellationToken ct)
    {
        var system = host.Services.GetRequiredService<ActorSystem>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberRemoved(() => removed.TrySetResult());
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = ct.Register(() => cancelled.TrySetResult()).ConfigureAwait(false);
        await using var stopping = lifetime.ApplicationStopping.Register(() => cancelled.TrySetResult()).ConfigureAwait(false);
        await Task.WhenAny(removed.Task, system.WhenTerminated, cancelled.Task).ConfigureAwait(false);

        // Signals reach the daemon only through ct (the host's own signal handling is replaced by the CLI); anything else
        // that ends an incarnation — a removal, a terminated ActorSystem, the host stopping itself after one — is a removal.
        return !ct.IsCancellationRequested;
    }

    private static async Task PauseAsync(TimeSpan pause, CancellationToken ct)
    {
        try
        {
            await Task.Delay(pause, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop while pausing: the loop condition ends it.
        }
    }

    private static TimeSpan Longer(TimeSpan pause) => pause * 2 > LongestPause ? LongestPause : pause * 2;
}
