using System.Globalization;
using System.Runtime.InteropServices;
using Vtr.Native.Posix;
using Vtr.Testing.Skips;

namespace Vtr.Shared.Native.Tests.Posix;

public sealed unsafe class NativeHeapTuningTests
{
    private const int Blocks = 8;
    private const nuint MiB = 1024 * 1024;

    /// <summary>Below any mmap threshold and above the tcache and fast bins: carved from the heap between the large blocks.</summary>
    private const nuint SmallBytes = 48 * 1024;

    [GlibcFact]
    public void Freed_blocks_above_the_threshold_go_back_to_the_system_even_after_a_larger_block_was_freed()
    {
        Assert.True(NativeHeapTuning.FixMmapThreshold());
        var large = (nuint)NativeHeapTuning.MmapThresholdBytes + MiB;

        // Unfixed, freeing this mmapped block raises glibc's threshold above the blocks below, which would then come
        // from the heap, where the small blocks between them keep the freed pages resident.
        NativeMemory.Free(Touch(NativeMemory.Alloc(2 * large), 2 * large));
        var freed = Fenced(large, out var fences);
        var before = ResidentKib();
        FreeAll(freed);
        var after = ResidentKib();
        FreeAll(fences);

        // Other threads of the test host allocate meanwhile, so ask for three quarters of what was freed.
        var expected = (long)(Blocks * large / 1024 * 3 / 4);
        Assert.True(before - after >= expected, $"resident memory went from {before} to {after} KiB");
    }

    [GlibcFact]
    public void Freed_heap_blocks_between_live_ones_go_back_to_the_system_when_asked()
    {
        Assert.True(NativeHeapTuning.FixMmapThreshold());
        var block = MiB; // below the threshold: heap memory that free() alone keeps resident, fenced by live blocks
        var freed = Fenced(block, out var fences);
        FreeAll(freed);
        var before = ResidentKib();
        NativeHeapTuning.ReturnFreeMemory();
        var after = ResidentKib();
        FreeAll(fences);

        var expected = (long)(Blocks * block / 1024 * 3 / 4);
        Assert.True(before - after >= expected, $"resident memory went from {before} to {after} KiB after returning free memory");
    }

    /// <summary>Allocates and touches <see cref="Blocks"/> blocks of <paramref name="bytes"/>, each followed by a small one.</summary>
    private static void*[] Fenced(nuint bytes, out void*[] fences)
    {
        var blocks = new void*[Blocks];
        fences = new void*[Blocks];
        for (var i = 0; i < Blocks; i++)
        {
            blocks[i] = Touch(NativeMemory.Alloc(bytes), bytes);
            fences[i] = Touch(NativeMemory.Alloc(SmallBytes), SmallBytes);
        }

        return blocks;
    }

    private static void FreeAll(void*[] blocks)
    {
        foreach (var block in blocks)
        {
            NativeMemory.Free(block);
        }
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
