using Microsoft.Extensions.Logging;

namespace Vtr.Cli.Logging;

/// <summary>Microsoft.Extensions.Logging into <see cref="PeopleConsole"/>: the hosts' own services ("vtr node listening
/// on …") as people lines; Microsoft's hosting chatter only at Debug.</summary>
public sealed class PeopleLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new PeopleLogger(categoryName);

    public void Dispose()
    {
    }

    /// <summary>Replaces every logging provider of a host with this one.</summary>
    public static void Install(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Trace);
        logging.AddProvider(new PeopleLoggerProvider());
    }

    private sealed class PeopleLogger(string category) : ILogger
    {
        private readonly bool _ours = category.StartsWith("Vtr.", StringComparison.Ordinal);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= PeopleConsole.Level;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            PeopleConsole.Write(logLevel, _ours, category, formatter(state, exception), exception);
    }
}
