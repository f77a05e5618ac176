
using Vtr.Testing.Processes;

namespace Vtr.Client.Cli.Tests.FileSafety;

/// <summary>Creates hard links with the system's `ln` (.NET has no API for them).</summary>
internal static class HardLink
{
    public static void Create(string existing, string link)
    {
        var ln = ToolRun.RunAsync("ln", [existing, link], TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        Assert.True(ln.Succeeded, ln.StandardError);
    }
}

/// <summary>A test of links or file modes: Unix features, nothing to check on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Skip = "hard links, symlinks and file modes are tested on Linux and macOS only";
        }
    }
}
