using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Vtr.Shared.Security;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Vtr.Cli.Logging;

/// <summary>
/// Akka's logger for the vtr daemons (<c>akka.loggers</c>): events of our actors go to <see cref="PeopleConsole"/> as
/// people lines, Akka's own (remoting, cluster gossip, dead letters) only with <c>--log-level debug</c>.
/// </summary>
public sealed class PeopleAkkaLogger : ActorBase, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly RefusalThrottle _refusals = new();

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case InitializeLogger:
                Sender.Tell(new LoggerInitialized());
                return true;
            case LogEvent log when TlsRejection.TryParse(log.LogClass, Text(log.Message), out var remote):
                // Akka.Remote turning away a peer without the farm certificate: a security event a person must see.
                if (_refusals.ShouldReport(remote))
                {
                    PeopleConsole.Write(LogLevel.Warning, fromOurCode: true, log.LogSource, RefusalThrottle.MemberRefusedText + remote, null);
                }

                PeopleConsole.Write(ToLevel(log.LogLevel()), IsOurs(log.LogClass), log.LogSource, Text(log.Message), log.Cause);
                return true;
            case LogEvent log:
                PeopleConsole.Write(ToLevel(log.LogLevel()), IsOurs(log.LogClass), log.LogSource, Text(log.Message), log.Cause);
                return true;
            default:
                return false;
        }
    }

    private static bool IsOurs(Type? type) => type?.Namespace?.StartsWith("Vtr.", StringComparison.Ordinal) == true;

    private static string Text(object message)
    {
        try
        {
            return (message is LogMessage formatted ? formatted.ToString() : message?.ToString()) ?? "";
        }
        catch (FormatException)
        {
            return message.GetType().Name;
        }
    }

    private static LogLevel ToLevel(Akka.Event.LogLevel level) => level switch
    {
        Akka.Event.LogLevel.DebugLevel => LogLevel.Debug,
        Akka.Event.LogLevel.InfoLevel => LogLevel.Information,
        Akka.Event.LogLevel.WarningLevel => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
