using System.Runtime.InteropServices;

namespace Vtr.Native.Posix;

/// <summary>
/// glibc's malloc raises its mmap threshold each time a large block is freed (up to 32 MiB on 64-bit), so after the
/// first codec session closes, the next sessions' frame buffers come from the heap arenas instead of mmap, and the
/// arenas keep the freed pages: a node's resident memory grew ~1.8 MiB with every segment session (20 segments
/// 334 MiB, 100 segments 478 MiB on the same 200 s input). Fixing the threshold (mallopt(3): setting M_MMAP_THRESHOLD
/// turns the dynamic adjustment off) returns every large buffer to the system when it is freed: 254 vs 267 MiB.
/// </summary>
public static partial class NativeHeapTuning
{
    /// <summary>M_MMAP_THRESHOLD in glibc's malloc.h.</summary>
    private const int MmapThresholdParameter = -3;

    /// <summary>glibc's own initial threshold: blocks of 128 KiB and more (a frame plane, a codec's tables) are mmapped.</summary>
    public const int MmapThresholdBytes = 128 * 1024;

    // int mallopt(int param, int value);  returns 1 on success, 0 on error
    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MalloptNative(int parameter, int value);

    /// <summary>Fixes glibc's mmap threshold (Linux only; elsewhere, or with a libc without mallopt, nothing to do).</summary>
    /// <returns>True when the threshold is now fixed.</returns>
    public static bool FixMmapThreshold()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return MalloptNative(MmapThresholdParameter, MmapThresholdBytes) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // a libc without mallopt: its allocator has no dynamic threshold to fix
        }
    }
}
