using Akka.Event;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Vtr.Cli.Logging;

/// <summary>
/// Akka's fallback logger (<c>akka.stdout-logger-class</c>), active before the real loggers start and after they stop:
/// its lines are Akka internals, shown only at debug, in the people format.
/// </summary>
public sealed class PeopleMinimalLogger : MinimalLogger
{
    protected override void Log(object message)
    {
        if (message is LogEvent log)
        {
            PeopleConsole.Write(LogLevel.Debug, fromOurCode: false, log.LogSource, log.Message?.ToString() ?? "", log.Cause);
        }
    }
}
