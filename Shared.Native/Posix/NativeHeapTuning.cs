using System.Runtime.InteropServices;

namespace Vtr.Native.Posix;

/// <summary>
/// glibc malloc settings for a process that opens hundreds of codec sessions. Left alone, malloc raises its mmap
/// threshold each time a large block is freed (up to 32 MiB), so after the first session closes the next sessions'
/// frame buffers come from heap arenas that keep freed pages: a node grew ~1.8 MiB per segment session (20 segments
/// 334 MiB, 100 segments 478 MiB on one 200 s input). A fixed threshold turns that adjustment off (mallopt(3)).
/// At 128 KiB every compressed packet, every 1080p picture copy (libavfilter's framesync copies each main picture) and
/// every packet read by libavformat was a fresh mmap the kernel had to zero: ~1.8 million page faults on a 20 s 1080p
/// job at 117 Mb/s where plain ffmpeg takes 23 thousand. At 4 MiB those come from the heap and are reused; larger
/// blocks (4K and 10-bit 1080p pictures) are still mmapped. Fixing the threshold also fixes the trim threshold at its
/// 128 KiB default, so freeing two picture copies at an arena's top gave the pages back and the next copy faulted them
/// in again; 8 MiB of free top is kept (0.9 → 0.42 million faults). What a closed session leaves free in the arenas
/// goes back to the system at once (<see cref="ReturnFreeMemory"/>), which keeps a node flat over any number of sessions.
/// </summary>
public static partial class NativeHeapTuning
{
    /// <summary>M_MMAP_THRESHOLD in glibc's malloc.h.</summary>
    private const int MmapThresholdParameter = -3;

    /// <summary>M_TRIM_THRESHOLD in glibc's malloc.h.</summary>
    private const int TrimThresholdParameter = -1;

    /// <summary>Free memory at the top of an arena kept for the next allocations instead of being unmapped at once.</summary>
    public const int TrimThresholdBytes = 8 * 1024 * 1024;

    /// <summary>Blocks of 4 MiB and more are mmapped: a 1080p 4:2:0 8-bit picture (3 MiB) and any packet below are not.</summary>
    public const int MmapThresholdBytes = 4 * 1024 * 1024;

    // int mallopt(int param, int value);  returns 1 on success, 0 on error
    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MalloptNative(int parameter, int value);

    // int malloc_trim(size_t pad);  returns 1 when memory was released
    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrimNative(nuint pad);

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
            return MalloptNative(MmapThresholdParameter, MmapThresholdBytes) == 1
                && MalloptNative(TrimThresholdParameter, TrimThresholdBytes) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // a libc without mallopt: its allocator has no dynamic threshold to fix
        }
    }

    /// <summary>Gives the free pages of every malloc arena back to the system (Linux only): called when a codec session
    /// closes, so what it freed does not stay resident until another session happens to reuse it.</summary>
    /// <returns>True when some memory was released.</returns>
    public static bool ReturnFreeMemory()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return MallocTrimNative(0) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // a libc without malloc_trim keeps its own policy
        }
    }
}
