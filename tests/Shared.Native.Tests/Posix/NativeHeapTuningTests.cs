using System.Globalization;
using System.Runtime.InteropServices;
using Vtr.Native.Posix;
using Vtr.Testing.Skips;

namespace Vtr.Shared.Native.Tests.Posix;

public sealed unsafe class NativeHeapTuningTests
{
    private const int Blocks = 32;
    private const nuint BlockBytes = 1024 * 1024;

    /// <summary>Below any mmap threshold and above the tcache and fast bins: carved from the heap between the large blocks.</summary>
    private const nuint SmallBytes = 48 * 1024;

    [GlibcFact]
    public void Freed_large_blocks_go_back_to_the_system_even_after_a_larger_block_was_freed()
    {
        Assert.True(NativeHeapTuning.FixMmapThreshold());

        // Unfixed, freeing this mmapped 2 MiB block raises glibc's threshold above 1 MiB, and the blocks below would
        // come from the heap, where the small blocks between them keep the freed pages resident.
        NativeMemory.Free(Touch(NativeMemory.Alloc(2 * BlockBytes), 2 * BlockBytes));
        var large = new void*[Blocks];
        var small = new void*[Blocks];
        for (var i = 0; i < Blocks; i++)
        {
            large[i] = Touch(NativeMemory.Alloc(BlockBytes), BlockBytes);
            small[i] = Touch(NativeMemory.Alloc(SmallBytes), SmallBytes);
        }

        var before = ResidentKib();
        for (var i = 0; i < Blocks; i++)
        {
            NativeMemory.Free(large[i]);
        }

        var after = ResidentKib();
        foreach (var block in small)
        {
            NativeMemory.Free(block);
        }

        // 32 MiB freed; other threads of the test host allocate meanwhile, so ask for three quarters of it.
        Assert.True(before - after >= Blocks * 1024 * 3 / 4, $"resident memory went from {before} to {after} KiB");
    }

    private static void* Touch(void* block, nuint bytes)
    {
        new Span<byte>(block, checked((int)bytes)).Fill(1);
        return block;
    }

    private static long ResidentKib()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
