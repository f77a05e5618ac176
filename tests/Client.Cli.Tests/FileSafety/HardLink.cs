using System.Diagnostics;

namespace Vtr.Client.Cli.Tests.FileSafety;

/// <summary>Creates hard links with the system's `ln` (.NET has no API for them).</summary>
internal static class HardLink
{
    public static void Create(string existing, string link)
    {
        using var ln = Process.Start(new ProcessStartInfo("ln", [existing, link]) { RedirectStandardError = true })!; // Start returns null only for shell-executed documents
        ln.WaitForExit();
        Assert.True(ln.ExitCode == 0, ln.StandardError.ReadToEnd());
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
