using Akka.Actor;
using Akka.Event;
using Vtr.Shared.Security;

namespace Vtr.Seed.Security;

/// <summary>The contact point's refusal line, logged as our own code (a person sees it), once a minute per host.</summary>
public sealed class FarmRefusals(ActorSystem system)
{
    private readonly ILoggingAdapter _log = Logging.GetLogger(system, typeof(FarmRefusals));
    private readonly RefusalThrottle _throttle = new();

    /// <summary>Reports <paramref name="remote"/> (HOST:PORT) unless its host was reported within the last minute.</summary>
    public void Refused(string remote)
    {
        if (_throttle.ShouldReport(remote))
        {
            _log.Warning(RefusalThrottle.MemberRefusedText + "{RemoteEndPoint}", remote);
        }
    }
}
