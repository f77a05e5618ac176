namespace Vtr.Cli.Resume;

/// <summary>The user's cache folder for vtr: $XDG_CACHE_HOME/vtr or ~/.cache/vtr on Linux, ~/Library/Caches/vtr on
/// macOS, %LOCALAPPDATA%\vtr elsewhere.</summary>
public static class CacheFolder
{
    public static string ForUser()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Caches", "vtr");
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "vtr");
        }

        // The XDG spec: an unset or relative XDG_CACHE_HOME is ignored.
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        return Path.Combine(!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg) ? xdg : Path.Combine(home, ".cache"), "vtr");
    }
}
