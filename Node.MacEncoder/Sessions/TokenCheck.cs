using System.Security.Cryptography;
using System.Text;

namespace Vtr.Node.Sessions;

/// <summary>
/// The HELLO token check. The comparison takes the same time whatever prefix of the token a client guessed right
/// (a byte-by-byte compare that stops at the first difference lets a patient client find the token one byte at a time).
/// </summary>
public static class TokenCheck
{
    /// <summary>True when auth is off (empty expected token) or <paramref name="offered"/> equals it.</summary>
    public static bool Accepts(string expected, string offered)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(offered);
        if (expected.Length == 0)
        {
            return true;
        }

        // Hashing first gives both sides the same length, so the length of the token does not leak either.
        var expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        var offeredHash = SHA256.HashData(Encoding.UTF8.GetBytes(offered));
        return CryptographicOperations.FixedTimeEquals(expectedHash, offeredHash);
    }
}
