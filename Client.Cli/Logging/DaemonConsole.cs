using Akka.Hosting;
using Microsoft.Extensions.Logging;
using Vtr.Shared.Hosting;

namespace Vtr.Cli.Logging;

/// <summary>The people console wired into the seed and node hosts, and the commands' own lines.</summary>
public static class DaemonConsole
{
    /// <summary>
    /// Akka's fallback logger (used while the system starts and stops) writes through <see cref="PeopleMinimalLogger"/>;
    /// signals are the command's to handle (a graceful leave, or a restart after a removal), not Akka's exit hook.
    /// </summary>
    private static readonly string AkkaHocon = $"""
        akka.stdout-logger-class = "{typeof(PeopleMinimalLogger).FullName}, {typeof(PeopleMinimalLogger).Assembly.GetName().Name}"
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        """;

    /// <summary>The console of a `vtr seed` or `vtr node` host.</summary>
    public static HostConsole ForHost() => new(PeopleLoggerProvider.Install, ConfigureAkka, CommandLineLifetime.Install, AkkaHocon);

    /// <summary>A line of the command itself (joining, waiting, restarting): always shown.</summary>
    public static void Say(string message) => PeopleConsole.Write(LogLevel.Information, fromOurCode: true, "vtr", message, null);

    /// <summary>A warning of the command itself (shown as "warning: ...").</summary>
    public static void Warn(string message) => PeopleConsole.Write(LogLevel.Warning, fromOurCode: true, "vtr", message, null);

    private static void ConfigureAkka(LoggerConfigBuilder loggers)
    {
        loggers.LogLevel = PeopleConsole.ShowsInternals ? Akka.Event.LogLevel.DebugLevel : Akka.Event.LogLevel.InfoLevel;
        loggers.AddLogger<PeopleAkkaLogger>();
    }
}
