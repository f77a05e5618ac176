using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vtr.Shared.Security;

/// <summary>
/// The farm's one secret: a self-signed certificate and its private key in a PKCS#12 file readable only by its owner.
/// Every member presents it in mutual TLS and accepts a peer only when the peer presents the same certificate
/// (<see cref="FarmPin"/>), which the TLS handshake proves the peer holds the key of. See docs/architecture.md, "Security".
/// </summary>
public sealed class FarmCredentials : IDisposable
{
    /// <summary>The file name inside the config folder.</summary>
    public const string FileName = "farm.p12";

    private FarmCredentials(X509Certificate2 certificate, string path)
    {
        Certificate = certificate;
        Path = path;
        Pin = new FarmPin(certificate);
    }

    /// <summary>The farm certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Where it was loaded from.</summary>
    public string Path { get; }

    /// <summary>Accepts exactly this farm's certificate.</summary>
    public FarmPin Pin { get; }

    /// <summary>Credentials that live only in this process (a benchmark's throw-away farm); takes ownership of <paramref name="certificate"/>.</summary>
    public static FarmCredentials InMemory(X509Certificate2 certificate) => new(certificate, "(in memory)");

    /// <summary>$XDG_CONFIG_HOME/vtr, else ~/.config/vtr (on macOS too: a CLI tool's config, as git and ssh keep theirs).</summary>
    public static string DefaultFolder()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config")
            : xdg;
        return System.IO.Path.Combine(root, "vtr");
    }

    /// <summary>The credentials file in <paramref name="folder"/> (default: <see cref="DefaultFolder"/>).</summary>
    public static string FileIn(string? folder = null) => System.IO.Path.Combine(folder ?? DefaultFolder(), FileName);

    /// <summary>
    /// This machine's farm credentials, or null when it has none (an open farm). Throws
    /// <see cref="FarmCredentialsException"/> when the file exists but cannot be used (unreadable, damaged, or readable by
    /// other users, which ssh refuses for its keys for the same reason).
    /// </summary>
    public static FarmCredentials? TryLoad(string? folder = null)
    {
        var path = FileIn(folder);
        return File.Exists(path) ? Load(path) : null;
    }

    /// <summary>Loads the credentials at <paramref name="path"/>; see <see cref="TryLoad"/> for the errors.</summary>
    public static FarmCredentials Load(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            throw new FarmCredentialsException($"{path} is readable by other users; run `chmod 600 {path}` (the farm's key is in it)");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FarmCredentialsException($"cannot read the farm credentials {path}: {ex.Message}", ex);
        }

        return new FarmCredentials(Decode(bytes, path), path);
    }

    /// <summary>Parses PKCS#12 bytes (a copied farm file or a decoded token) into the farm certificate.</summary>
    public static X509Certificate2 Decode(byte[] pkcs12, string what)
    {
        X509Certificate2 certificate;
        try
        {
            // The key stays in memory (never written to a key store); macOS has no ephemeral import and uses a temporary keychain.
            var flags = OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
            certificate = X509CertificateLoader.LoadPkcs12(pkcs12, password: null, flags);
        }
        catch (CryptographicException ex)
        {
            throw new FarmCredentialsException($"{what} is not a vtr farm certificate ({ex.Message})", ex);
        }

        if (!certificate.HasPrivateKey || !certificate.Subject.StartsWith(FarmCertificateFactory.SubjectPrefix, StringComparison.Ordinal))
        {
            certificate.Dispose();
            throw new FarmCredentialsException($"{what} is not a vtr farm certificate with its key");
        }

        return certificate;
    }

    public void Dispose() => Certificate.Dispose();
}

/// <summary>The farm credentials exist but cannot be used; the message says what to do.</summary>
public sealed class FarmCredentialsException : Exception
{
    public FarmCredentialsException()
    {
    }

    public FarmCredentialsException(string message)
        : base(message)
    {
    }

    public FarmCredentialsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
