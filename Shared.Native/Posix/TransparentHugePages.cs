using System.Runtime.InteropServices;

namespace Vtr.Native.Posix;

/// <summary>
/// Turns transparent huge pages off for this process (prctl(2) PR_SET_THP_DISABLE; Linux only, inherited by children).
/// libx264 asks for huge pages on every buffer of 2 MiB and more (madvise MADV_HUGEPAGE), and a job opens one encoder
/// per segment, so each segment had the kernel zero its buffers again in whole 2 MiB pages, touched or not: on the
/// 20 s 1080p job ~5 % of all CPU was the kernel's clear_page, and with huge pages off the job's system time fell from
/// ~3.0 to ~2.0 s with no change in user time (docs/benchmarks.md, issue 12). Plain ffmpeg opens its encoder once.
/// </summary>
public static partial class TransparentHugePages
{
    /// <summary>PR_SET_THP_DISABLE and PR_GET_THP_DISABLE in linux/prctl.h.</summary>
    private const int SetDisable = 41;
    private const int GetDisable = 42;

    // int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5);
    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int PrctlNative(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    /// <summary>Turns them off; false where there is nothing to turn off (not Linux, a kernel before 3.15).</summary>
    public static bool DisableForThisProcess()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return PrctlNative(SetDisable, 1, 0, 0, 0) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>True when this process has them off (PR_GET_THP_DISABLE).</summary>
    public static bool DisabledForThisProcess() =>
        OperatingSystem.IsLinux() && PrctlNative(GetDisable, 0, 0, 0, 0) == 1;
}
