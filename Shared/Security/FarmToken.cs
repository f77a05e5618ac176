namespace Vtr.Shared.Security;

/// <summary>
/// The farm credentials as one pasteable line (`vtr farm token` prints it, `vtr farm join` reads it from stdin): a
/// versioned prefix and the PKCS#12 bytes in base64url. It is the secret itself, so it travels through stdin or a
/// file, never a command-line argument that `ps` shows.
/// </summary>
public static class FarmToken
{
    public const string Prefix = "vtrfarm1.";

    /// <summary>Longest token accepted (a P-256 farm file is about 1 KiB; RSA-4096 would be ~4 KiB).</summary>
    public const int MaxLength = 16 * 1024;

    public static string Encode(byte[] pkcs12) =>
        Prefix + Convert.ToBase64String(pkcs12).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The PKCS#12 bytes of <paramref name="token"/>; throws <see cref="FarmCredentialsException"/> when it is not one.</summary>
    public static byte[] Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var text = token.Trim();
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length > MaxLength)
        {
            throw new FarmCredentialsException($"not a vtr farm token (it starts with {Prefix}; print one with `vtr farm token` on a farm machine)");
        }

        var body = text[Prefix.Length..].Replace('-', '+').Replace('_', '/');
        body = body.PadRight(body.Length + ((4 - (body.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(body);
        }
        catch (FormatException ex)
        {
            throw new FarmCredentialsException("the farm token is damaged (was it cut when copied?)", ex);
        }
    }
}
