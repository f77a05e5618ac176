using Akka.Hosting;
using Microsoft.Extensions.Logging;
using Vtr.Node.Hosting;
using Vtr.Seed.Hosting;

namespace Vtr.Cli.Logging;

/// <summary>The people console wired into the seed and node hosts, and the commands' own lines.</summary>
public static class DaemonConsole
{
    public static HostConsole ForNode() => new(PeopleLoggerProvider.Install, ConfigureAkka);

    public static SeedHostConsole ForSeed() => new(PeopleLoggerProvider.Install, ConfigureAkka);

    /// <summary>A line of the command itself (joining, waiting, restarting): always shown.</summary>
    public static void Say(string message) => PeopleConsole.Write(LogLevel.Information, fromOurCode: true, "vtr", message, null);

    private static void ConfigureAkka(LoggerConfigBuilder loggers)
    {
        loggers.LogLevel = PeopleConsole.ShowsInternals ? Akka.Event.LogLevel.DebugLevel : Akka.Event.LogLevel.InfoLevel;
        loggers.AddLogger<PeopleAkkaLogger>();
    }
}
