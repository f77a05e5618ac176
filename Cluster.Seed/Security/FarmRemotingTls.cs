using Akka.Event;
using Akka.Remote.Hosting;
using Vtr.Shared.Security;

namespace Vtr.Seed.Security;

/// <summary>
/// Akka.Remote (DotNetty) over mutual TLS with the farm certificate: every member presents it, and the custom validator
/// accepts a peer only when it presented the same certificate (<see cref="FarmPin"/>) — Akka's chain validation would
/// reject a self-signed farm certificate, and suppressing validation would accept anyone, so the pin replaces both.
/// </summary>
public static class FarmRemotingTls
{
    /// <summary>The TLS options for <paramref name="farm"/>; refusals are reported through <paramref name="refusals"/>.</summary>
    public static SslOptions For(FarmCredentials farm, FarmRefusals refusals)
    {
        ArgumentNullException.ThrowIfNull(farm);
        ArgumentNullException.ThrowIfNull(refusals);
        return new SslOptions
        {
            X509Certificate = farm.Certificate,
            SuppressValidation = false,
            RequireMutualAuthentication = true,
            ValidateCertificateHostname = false,
            CustomValidator = (certificate, _, remotePeer, _, _) =>
            {
                if (farm.Pin.Matches(certificate))
                {
                    return true;
                }

                refusals.Refused(remotePeer);
                return false;
            },
        };
    }
}
