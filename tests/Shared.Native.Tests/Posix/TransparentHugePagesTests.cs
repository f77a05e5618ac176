using Vtr.Native.Posix;
using Vtr.Testing.Skips;

namespace Vtr.Shared.Native.Tests.Posix;

public sealed class TransparentHugePagesTests
{
    [GlibcFact]
    public void Turned_off_the_process_gets_no_huge_pages_and_the_kernel_says_so()
    {
        Assert.True(TransparentHugePages.DisableForThisProcess());

        Assert.True(TransparentHugePages.DisabledForThisProcess());
        // The kernel's own view (Linux 6.x adds the field; older kernels only answer the prctl).
        var field = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("THP_enabled:", StringComparison.Ordinal));
        Assert.True(field is null || field.EndsWith('0'), field);
    }
}
