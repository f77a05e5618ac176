using System.Runtime.InteropServices;

namespace Vtr.Native.Posix;

/// <summary>
/// The few libc calls .NET has no API for: a file's device and inode (to tell that two paths are one file, hard links
/// included) and an exit that runs no managed shutdown hooks. Linux uses <c>statx</c>, whose struct layout is the same
/// on every architecture; macOS uses <c>stat</c> with 64-bit inodes (<c>stat$INODE64</c> on x86_64).
/// </summary>
public static partial class LibcNative
{
    private const string Libc = "libc";

    /// <summary>AT_FDCWD: a relative path is resolved against the working directory.</summary>
    private const int AtFdCwd = -100;

    /// <summary>STATX_INO: ask for the inode (dev is always filled in).</summary>
    private const uint StatxIno = 0x100;

    /// <summary>sizeof(struct statx) is 256 bytes; macOS's struct stat is 144. One buffer fits both.</summary>
    private const int StatBufferSize = 256;

    // int statx(int dirfd, const char *pathname, int flags, unsigned int mask, struct statx *statxbuf);
    [LibraryImport(Libc, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    // int stat(const char *path, struct stat *buf);  (arm64: 64-bit inode layout is the only one)
    [LibraryImport(Libc, EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int StatMac(string path, byte* buffer);

    // int stat$INODE64(const char *path, struct stat *buf);  (x86_64: the 64-bit inode variant)
    [LibraryImport(Libc, EntryPoint = "stat$INODE64", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int StatMacIntel(string path, byte* buffer);

    // void _exit(int status);
    [LibraryImport(Libc, EntryPoint = "_exit")]
    private static partial void ExitNative(int status);

    /// <summary>(device, inode) of the file <paramref name="path"/> names, symlinks followed; null when it cannot be read.</summary>
    public static unsafe (ulong Device, ulong Inode)? DeviceAndInode(string path)
    {
        var buffer = stackalloc byte[StatBufferSize];
        if (OperatingSystem.IsLinux())
        {
            if (Statx(AtFdCwd, path, 0, StatxIno, buffer) != 0)
            {
                return null;
            }

            // struct statx: stx_ino (u64) at 32, stx_dev_major (u32) at 136, stx_dev_minor (u32) at 140.
            var inode = *(ulong*)(buffer + 32);
            var device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
            return (device, inode);
        }

        if (OperatingSystem.IsMacOS())
        {
            var result = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? StatMacIntel(path, buffer) : StatMac(path, buffer);
            // struct stat (64-bit inodes): st_dev (i32) at 0, st_ino (u64) at 8.
            return result != 0 ? null : (*(uint*)buffer, *(ulong*)(buffer + 8));
        }

        return null;
    }

    /// <summary>Ends the process now: no finalizers, no ProcessExit handlers (Akka's shutdown hook would wait for the
    /// cluster to leave), which is what a second Ctrl-C asks for.</summary>
    public static void ExitNow(int status)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            ExitNative(status);
        }

        Environment.Exit(status);
    }
}
