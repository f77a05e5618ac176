using System.Globalization;
using System.Security.Cryptography;

namespace Vtr.Cli.Resume;

/// <summary>
/// Who an input file is, cheaply: full path, size, last write time and a SHA-256 of its first and last MiB. A file
/// rewritten in place (same name, new content) gets a new fingerprint, and hashing two MiB keeps an hour-long input
/// from costing a full read.
/// </summary>
public static class InputFingerprint
{
    /// <summary>Bytes hashed at each end of the file.</summary>
    public const int EdgeBytes = 1 << 20;

    public static string Of(string path)
    {
        var file = new FileInfo(path);
        using var stream = file.OpenRead();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[EdgeBytes];
        hash.AppendData(buffer, 0, stream.ReadAtLeast(buffer, EdgeBytes, throwOnEndOfStream: false));
        if (stream.Length > EdgeBytes)
        {
            stream.Seek(-Math.Min(EdgeBytes, stream.Length - EdgeBytes), SeekOrigin.End);
            hash.AppendData(buffer, 0, stream.ReadAtLeast(buffer, EdgeBytes, throwOnEndOfStream: false));
        }

        var inv = CultureInfo.InvariantCulture;
        return string.Join('|', file.FullName, file.Length.ToString(inv), file.LastWriteTimeUtc.Ticks.ToString(inv), Convert.ToHexString(hash.GetHashAndReset()));
    }
}
