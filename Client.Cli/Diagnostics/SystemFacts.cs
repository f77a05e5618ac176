using System.Reflection;
using System.Runtime.InteropServices;
using Vtr.Cli.Processes;
using Vtr.Node.Codecs.Diagnostics;

namespace Vtr.Cli.Diagnostics;

/// <summary>The machine `vtr doctor` runs on: vtr, OS, chip, .NET, and Rosetta on a Mac.</summary>
public static class SystemFacts
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(3);

    public static IEnumerable<Finding> Collect()
    {
        var version = typeof(SystemFacts).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        yield return new Finding(FindingLevel.Info, "vtr", version);
        var os = OperatingSystem.IsMacOS() ? $"macOS {Environment.OSVersion.Version} ({RuntimeInformation.OSDescription})" : RuntimeInformation.OSDescription;
        yield return new Finding(FindingLevel.Info, "os", $"{os}, {RuntimeInformation.OSArchitecture}");
        yield return new Finding(FindingLevel.Info, "chip", $"{Chip()}, {Environment.ProcessorCount} cores");
        yield return new Finding(FindingLevel.Info, ".NET", $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture}) at {RuntimeEnvironment.GetRuntimeDirectory()}");
        if (OperatingSystem.IsMacOS() && Sysctl("sysctl.proc_translated") == "1")
        {
            yield return new Finding(FindingLevel.Warn, "rosetta",
                "vtr runs as x64 under Rosetta: install the arm64 .NET so VideoToolbox quality mode and HEVC low-latency work");
        }
    }

    private static string Chip()
    {
        if (OperatingSystem.IsMacOS())
        {
            return Sysctl("machdep.cpu.brand_string") ?? "unknown Mac";
        }

        if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>
    /// `sysctl -n NAME`, or null when it fails (the key is absent on Intel Macs for proc_translated) or there is no
    /// sysctl on PATH (the chip line then says "unknown").
    /// </summary>
    private static string? Sysctl(string name) =>
        ProcessRunner.Run("sysctl", ["-n", name], ToolTimeout) is { Succeeded: true } run && run.StandardOutput.Trim() is { Length: > 0 } output
            ? output
            : null;
}
