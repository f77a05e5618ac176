using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vtr.Shared.Security;

/// <summary>
/// Accepts a TLS peer only when it presented the farm's own certificate (same SHA-256 of the DER bytes). This replaces
/// chain building, it does not switch validation off: a self-signed farm certificate has no chain to a system root, and
/// an exact-certificate pin is stricter than any chain (TLS proves the peer holds the matching private key).
/// </summary>
public sealed class FarmPin(X509Certificate2 farmCertificate)
{
    private readonly byte[] _fingerprint = SHA256.HashData(farmCertificate.RawData);

    /// <summary>"SHA256:AB:CD:…", the fingerprint `vtr farm show` prints: public, safe to compare between machines.</summary>
    public string Fingerprint => "SHA256:" + Convert.ToHexString(_fingerprint).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + ":" + b);

    /// <summary>True when <paramref name="peer"/> is the farm certificate.</summary>
    public bool Matches(X509Certificate? peer)
    {
        if (peer is null)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(peer.GetRawCertData(), hash);
        return CryptographicOperations.FixedTimeEquals(hash, _fingerprint);
    }
}
