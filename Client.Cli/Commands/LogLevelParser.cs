using Microsoft.Extensions.Logging;

namespace Vtr.Cli.Commands;

/// <summary>--log-level as the original server takes it: 0/1/2 or error/info/debug (case-insensitive), plus warning.</summary>
public static class LogLevelParser
{
    public static bool TryParse(string? value, out LogLevel level)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "0" or "error":
                level = LogLevel.Error;
                return true;
            case null or "" or "1" or "info":
                level = LogLevel.Information;
                return true;
            case "2" or "debug":
                level = LogLevel.Debug;
                return true;
            case "warning" or "warn":
                level = LogLevel.Warning;
                return true;
            default:
                level = LogLevel.Information;
                return false;
        }
    }
}
