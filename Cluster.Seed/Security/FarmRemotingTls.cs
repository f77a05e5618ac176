using Akka.Remote.Hosting;
using Vtr.Shared.Security;

namespace Vtr.Seed.Security;

/// <summary>
/// Akka.Remote (DotNetty) over mutual TLS with the farm certificate: every member presents it, and the custom validator
/// accepts a peer only when it presented the same certificate (<see cref="FarmPin"/>) — Akka's chain validation would
/// reject a self-signed farm certificate, and suppressing validation would accept anyone, so the pin replaces both.
/// A refused peer is reported by DotNetty ("Rejected incoming connection … TLS handshake failure"), which the vtr
/// console turns into the farm's one refusal line; the validator only decides.
/// </summary>
public static class FarmRemotingTls
{
    /// <summary>The TLS options for <paramref name="farm"/>.</summary>
    public static SslOptions For(FarmCredentials farm)
    {
        ArgumentNullException.ThrowIfNull(farm);
        return new SslOptions
        {
            X509Certificate = farm.Certificate,
            SuppressValidation = false,
            RequireMutualAuthentication = true,
            ValidateCertificateHostname = false,
            CustomValidator = (certificate, _, _, _, _) => farm.Pin.Matches(certificate),
        };
    }
}
