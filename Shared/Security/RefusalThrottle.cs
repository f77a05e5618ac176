namespace Vtr.Shared.Security;

/// <summary>
/// Says whether a refused peer should be reported now: a refused node retries its join every few seconds, so each host is
/// reported once a minute, not on every attempt. Bounded: past <see cref="MaxHostsRemembered"/> hosts it starts over.
/// </summary>
public sealed class RefusalThrottle(TimeProvider? clock = null)
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);
    public const int MaxHostsRemembered = 256;

    /// <summary>The one line a member prints when it turns a peer away (the contact point, Akka.Remote).</summary>
    public const string MemberRefusedText = "refused a member without the farm certificate from ";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Dictionary<string, DateTimeOffset> _lastReported = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>True when <paramref name="remote"/> (HOST:PORT) should be reported: its host was not within the last minute.</summary>
    public bool ShouldReport(string remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var colon = remote.LastIndexOf(':');
        var host = colon > 0 ? remote[..colon] : remote;
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (_lastReported.TryGetValue(host, out var last) && now - last < Quiet)
            {
                return false;
            }

            if (_lastReported.Count >= MaxHostsRemembered)
            {
                _lastReported.Clear();
            }

            _lastReported[host] = now;
            return true;
        }
    }
}
