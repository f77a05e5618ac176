namespace Vtr.Testing.Skips;

/// <summary>A fact about glibc's allocator; skipped with the reason where the process does not run on Linux.</summary>
public sealed class GlibcFactAttribute : FactAttribute
{
    public GlibcFactAttribute() =>
        Skip = OperatingSystem.IsLinux() && File.Exists("/proc/self/status") ? null : "tests glibc's malloc on Linux (reads VmRSS from /proc/self/status)";
}
