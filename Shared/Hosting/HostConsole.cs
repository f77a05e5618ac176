using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vtr.Shared.Hosting;

/// <summary>
/// How a daemon's host shows its events: the logging providers, Akka's loggers, services and HOCON (the CLI passes its
/// people console; null keeps the framework's). One shape for the seed and the node hosts, which may not reference
/// each other.
/// </summary>
public sealed record HostConsole(
    Action<ILoggingBuilder> ConfigureLogging, Action<LoggerConfigBuilder> ConfigureAkkaLoggers, Action<IServiceCollection> ConfigureServices, string AkkaHocon);
