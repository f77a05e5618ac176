using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Vtr.Shared.Security;

/// <summary>
/// Mutual TLS between farm machines on a plain stream (contact point, segment traffic): both sides present the farm
/// certificate and accept only the farm certificate (<see cref="FarmPin"/>). TLS 1.3 only: every supported OS has it.
/// </summary>
public static class FarmTls
{
    /// <summary>The first byte of every TLS connection (a handshake record); VTR1 and the contact protocol start otherwise.</summary>
    public const byte HandshakeRecord = 0x16;

    /// <summary>Server name sent in the ClientHello; the pin, not the name, decides (members are dialled by IP).</summary>
    public const string ServerName = "vtr-farm";

    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Server side. Throws <see cref="FarmPeerRefusedException"/> when the peer did not present the farm
    /// certificate, <see cref="AuthenticationException"/>/<see cref="IOException"/> when the handshake failed otherwise.</summary>
    public static async Task<SslStream> AcceptAsync(Stream inner, FarmCredentials farm, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(farm);
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(farm.Certificate, additionalCertificates: null, offline: true),
            ClientCertificateRequired = true,
            EnabledSslProtocols = SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => farm.Pin.Matches(certificate),
        };
        // A client that fails the server's handshake at all (no certificate, another farm's, not TLS) is not of the farm.
        return await AuthenticateAsync(ssl, () => true, t => ssl.AuthenticateAsServerAsync(options, t), ct).ConfigureAwait(false);
    }

    /// <summary>Client side; the same errors as <see cref="AcceptAsync"/> (refused: the server is not of this farm).</summary>
    public static async Task<SslStream> ConnectAsync(Stream inner, FarmCredentials farm, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(farm);
        var refused = false;
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = ServerName,
            ClientCertificateContext = SslStreamCertificateContext.Create(farm.Certificate, additionalCertificates: null, offline: true),
            EnabledSslProtocols = SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => !(refused = !farm.Pin.Matches(certificate)),
        };
        return await AuthenticateAsync(ssl, () => refused, t => ssl.AuthenticateAsClientAsync(options, t), ct).ConfigureAwait(false);
    }

    private static async Task<SslStream> AuthenticateAsync(SslStream ssl, Func<bool> refused, Func<CancellationToken, Task> handshake, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(HandshakeTimeout);
        try
        {
            await handshake(deadline.Token).ConfigureAwait(false);
            return ssl;
        }
        catch (AuthenticationException ex) when (refused())
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new FarmPeerRefusedException("the peer does not have this farm's certificate", ex);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}

/// <summary>The TLS peer presented no certificate, or another farm's.</summary>
public sealed class FarmPeerRefusedException : Exception
{
    public FarmPeerRefusedException()
    {
    }

    public FarmPeerRefusedException(string message)
        : base(message)
    {
    }

    public FarmPeerRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
