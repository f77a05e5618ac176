using Vtr.Native.Posix;

namespace Vtr.Cli.FileSafety;

/// <summary>Whether two paths name the same file: same full path, or (on Linux and macOS) the same device and inode,
/// which also catches symlinks and hard links.</summary>
public static class FileIdentity
{
    public static bool AreSame(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        if (string.Equals(Path.GetFullPath(first), Path.GetFullPath(second), comparison))
        {
            return true;
        }

        return LibcNative.DeviceAndInode(first) is { } a && LibcNative.DeviceAndInode(second) is { } b && a == b;
    }
}
