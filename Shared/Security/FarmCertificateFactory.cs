using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vtr.Shared.Security;

/// <summary>
/// Creates the farm certificate (`vtr farm init`) and writes credential files so that only their owner can read them.
/// </summary>
public static class FarmCertificateFactory
{
    /// <summary>Every farm certificate's subject starts so; the rest is a random farm id.</summary>
    public const string SubjectPrefix = "CN=vtr farm ";

    /// <summary>Long enough never to expire under a farm; a new farm (`vtr farm init --force`) replaces it.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365 * 20);

    /// <summary>A new farm certificate: ECDSA P-256 (fast handshakes on every Mac and PC), usable as TLS server and client.</summary>
    public static X509Certificate2 Create(TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(SubjectPrefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client authentication
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now.AddDays(-1), now + Lifetime);
    }

    /// <summary>The PKCS#12 bytes of <paramref name="certificate"/> with its key (no password: the file mode protects it,
    /// as an ssh key without passphrase; a daemon started at boot has nobody to type one).</summary>
    public static byte[] Export(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.Export(X509ContentType.Pkcs12);
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/> created with mode 0600 in a 0700 folder, through a
    /// temp file and a rename, so no other user can read the key even for a moment and a crash leaves no half file.
    /// </summary>
    public static void WritePrivateFile(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(bytes);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!; // a full path always has a folder
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to a new file; a stale temp file keeps its old mode otherwise.
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }
}
