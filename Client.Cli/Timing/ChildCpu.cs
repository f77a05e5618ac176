using System.Globalization;

namespace Vtr.Cli.Timing;

/// <summary>CPU time of this process's finished child processes (the ffmpeg/ffprobe tools), read from /proc on Linux.</summary>
internal static class ChildCpu
{
    /// <summary>Kernel clock ticks per second (USER_HZ): 100 on every Linux ABI .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>cutime + cstime of /proc/self/stat; null where there is no such file.</summary>
    public static TimeSpan? Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            // Fields after the parenthesised command name (which may hold spaces): state is field 3, cutime 16, cstime 17.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
