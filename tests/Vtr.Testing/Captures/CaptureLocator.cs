using System.Runtime.CompilerServices;

namespace Vtr.Testing.Captures;

/// <summary>
/// Finds <c>shared/vtr1/captures</c> beside the repository (never copied into it): walks up from the
/// test binaries, then from this source file (the binaries may live in an artifacts path outside the repo).
/// </summary>
public static class CaptureLocator
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The captures folder, or null when it is absent.</summary>
    public static string? Directory => Root.Value;

    public const string MissingReason = "VTR1 captures not found: expected shared/vtr1/captures beside or above the repository root";

    public static IEnumerable<string> ScenarioNames()
    {
        if (Directory is null)
        {
            return [];
        }

        return System.IO.Directory.GetDirectories(Directory)
            .Where(path => File.Exists(Path.Combine(path, "manifest.json")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);
    }

    private static string? Locate() => WalkUp(AppContext.BaseDirectory) ?? WalkUp(SourceDirectory());

    private static string? WalkUp(string? start)
    {
        for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(directory.FullName, "shared", "vtr1"), Path.Combine(directory.FullName, "..", "shared", "vtr1") })
            {
                var captures = Path.Combine(candidate, "captures");
                if (System.IO.Directory.Exists(captures))
                {
                    return Path.GetFullPath(captures);
                }
            }
        }

        return null;
    }

    private static string? SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path);
}
