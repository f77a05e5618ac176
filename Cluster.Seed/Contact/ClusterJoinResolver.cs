using System.Collections.Immutable;
using System.Net.Sockets;
using System.Text.Json;
using Vtr.Shared.Cluster;
using Vtr.Shared.Security;

namespace Vtr.Seed.Contact;

/// <summary>Where to join and what to call ourselves: the members' canonical Akka addresses and the address to advertise.</summary>
public sealed record JoinPlan(ImmutableArray<string> SeedAddresses, string AdvertisedHost);

/// <summary>No contact point answered within the join timeout.</summary>
public sealed class JoinTimedOutException : Exception
{
    public JoinTimedOutException()
    {
    }

    public JoinTimedOutException(string message)
        : base(message)
    {
    }

    public JoinTimedOutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Turns the seeds a user typed into a <see cref="JoinPlan"/> by asking their contact points. A refused connection means
/// no seed runs there (answered at once unless the caller is a daemon that waits); a seed that is slow (a loaded
/// machine, a seed still starting) is asked again every second until the deadline, with one "waiting" line.
/// With <c>farm</c> it speaks mutual TLS with the farm certificate; a seed that refuses this machine
/// (<see cref="FarmAccessDeniedException"/>) ends the resolution at once, as waiting cannot change the answer.
/// </summary>
public sealed class ClusterJoinResolver(Action<string>? onWaiting = null, FarmCredentials? farm = null)
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Resolves <paramref name="seeds"/>. Throws <see cref="ContactRefusedException"/> when every seed refused and
    /// <paramref name="waitWhenRefused"/> is false, <see cref="JoinTimedOutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task<JoinPlan> ResolveAsync(IReadOnlyList<SeedEndPoint> seeds, TimeSpan timeout, bool waitWhenRefused, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("no seed given", nameof(seeds));
        }

        if (seeds.All(s => s.IsAkkaAddress))
        {
            return new JoinPlan([.. seeds.Select(s => ClusterNames.MemberAddress(s.ToString(), farm is not null))], AdvertiseFor(seeds[0].Host));
        }

        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : DateTimeOffset.UtcNow + timeout;
        var waitingSaid = false;
        var seedsText = string.Join(", ", seeds);
        while (true)
        {
            var attempts = seeds.Where(s => !s.IsAkkaAddress).Select(s => TryAskAsync(s, ct)).ToList();
            var outcomes = await Task.WhenAll(attempts).ConfigureAwait(false);
            if (outcomes.FirstOrDefault(o => o.Answer is not null)?.Answer is { } answer && !answer.Reply.Members.IsDefaultOrEmpty)
            {
                var members = answer.Reply.Members;
                var extra = seeds.Where(s => s.IsAkkaAddress).Select(s => ClusterNames.MemberAddress(s.ToString(), farm is not null));
                var host = new Uri("tcp://" + members[0][(members[0].IndexOf("://", StringComparison.Ordinal) + 3)..]).Host;
                return new JoinPlan([.. members, .. extra], AdvertiseFor(host, answer));
            }

            if (!waitWhenRefused && outcomes.All(o => o.Refused))
            {
                throw new ContactRefusedException($"no vtr seed answers at {seedsText} (connection refused or unknown host; is `vtr seed` running there?)");
            }

            if (deadline != DateTimeOffset.MaxValue && DateTimeOffset.UtcNow + RetryPause >= deadline)
            {
                throw new JoinTimedOutException($"no answer from the cluster at {seedsText} within {timeout.TotalSeconds:0} s");
            }

            if (!waitingSaid)
            {
                onWaiting?.Invoke(outcomes.All(o => o.Refused)
                    ? $"no vtr seed answers at {seedsText} yet (connection refused); waiting for it…"
                    : $"waiting for the cluster at {seedsText}…");
                waitingSaid = true;
            }

            await Task.Delay(RetryPause, ct).ConfigureAwait(false);
        }
    }

    private static string AdvertiseFor(string canonicalHost, ContactPointClient.Answer? answer = null) =>
        (AdvertisedAddress.RouteTo(canonicalHost) ?? answer?.LocalAddress)?.ToString() ?? AdvertisedAddress.For(System.Net.IPAddress.Any);

    private sealed record Outcome(ContactPointClient.Answer? Answer, bool Refused);

    private async Task<Outcome> TryAskAsync(SeedEndPoint seed, CancellationToken ct)
    {
        try
        {
            return new Outcome(await ContactPointClient.AskAsync(seed, ContactProtocol.JoinVerb, AttemptTimeout, ct, farm).ConfigureAwait(false), false);
        }
        catch (ContactRefusedException)
        {
            return new Outcome(null, true);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.HostNotFound)
        {
            // A name no resolver knows will not start resolving by waiting: answered like a refusal.
            return new Outcome(null, true);
        }
        catch (Exception ex) when (ex is IOException or SocketException or JsonException ||
                                   (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new Outcome(null, false);
        }
    }
}
