using Microsoft.Extensions.Logging;

namespace Vtr.Cli.Logging;

/// <summary>
/// The daemons' console: one line per event, <c>HH:mm:ss message</c>, written for the person watching it. Events of our
/// own code are shown from <see cref="Level"/> up; Akka's and the host's internals only at Debug, where exceptions also
/// keep their stack traces (an expected event, such as a peer disconnecting, never shows one at Info).
/// </summary>
public static class PeopleConsole
{
    private static readonly Lock Gate = new();

    /// <summary>The lowest level shown; set once by the command before its host starts.</summary>
    public static LogLevel Level { get; set; } = LogLevel.Information;

    public static bool ShowsInternals => Level <= LogLevel.Debug;

    /// <summary>Writes one event when <paramref name="level"/> passes the filter for its origin.</summary>
    public static void Write(LogLevel level, bool fromOurCode, string source, string message, Exception? cause)
    {
        // Internals (Akka, the generic host) only at debug: what a user can act on, our code says itself in one line.
        if (level < Level || (!fromOurCode && !ShowsInternals))
        {
            return;
        }

        var prefix = level switch
        {
            LogLevel.Warning => "warning: ",
            LogLevel.Error or LogLevel.Critical => "error: ",
            LogLevel.Debug or LogLevel.Trace => "debug: ",
            _ => "",
        };
        var origin = ShowsInternals ? $" [{source}]" : "";
        var detail = cause is null ? "" : ShowsInternals ? Environment.NewLine + cause : $" ({cause.Message})";
        var line = $"{DateTime.Now:HH:mm:ss} {prefix}{Flatten(message)}{detail}{origin}";
        lock (Gate)
        {
            Console.Out.WriteLine(line);
        }
    }

    /// <summary>Akka's multi-line messages (association failures) become one line.</summary>
    private static string Flatten(string message) =>
        message.Contains('\n', StringComparison.Ordinal) ? string.Join(" ", message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) : message;
}
