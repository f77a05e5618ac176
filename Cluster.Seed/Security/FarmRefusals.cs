using Akka.Actor;
using Akka.Event;

namespace Vtr.Seed.Security;

/// <summary>
/// The one line a member prints when it turns away a process without the farm certificate. A refused node retries its
/// join every few seconds, so each host is reported once a minute, not on every attempt.
/// </summary>
public sealed class FarmRefusals
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);
    private const int MaxHostsRemembered = 256;

    private readonly TimeProvider _clock;
    private readonly Dictionary<string, DateTimeOffset> _lastReported = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private volatile ILoggingAdapter? _log;

    /// <param name="system">Where the line goes; for the remoting transport, which exists before its ActorSystem,
    /// null and then <see cref="Attach"/>.</param>
    public FarmRefusals(ActorSystem? system = null, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        if (system is not null)
        {
            Attach(system);
        }
    }

    /// <summary>Logs through <paramref name="system"/> from now on (as our own code, so a person sees it).</summary>
    public void Attach(ActorSystem system) => _log = Logging.GetLogger(system, this);

    /// <summary>Reports <paramref name="remote"/> (HOST:PORT) unless its host was reported within the last minute.</summary>
    public void Refused(string remote)
    {
        var host = HostOf(remote);
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (_lastReported.TryGetValue(host, out var last) && now - last < Quiet)
            {
                return;
            }

            if (_lastReported.Count >= MaxHostsRemembered)
            {
                _lastReported.Clear();
            }

            _lastReported[host] = now;
        }

        _log?.Warning("refused a member without the farm certificate from {RemoteEndPoint}", remote);
    }

    private static string HostOf(string remote)
    {
        var colon = remote.LastIndexOf(':');
        return colon > 0 ? remote[..colon] : remote;
    }
}
