using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Node.Sessions;

namespace Vtr.Node.Hosting;

/// <summary>Builds the `vtr node` host: backend, actor system, VTR1 listener; optional cluster wiring from the caller.</summary>
public static class NodeHostBuilder
{
    public static IHost Build(NodeOptions options, LogLevel logLevel, Action<AkkaConfigurationBuilder, IServiceProvider>? configureCluster = null)
    {
        var backend = CodecBackendFactory.Create(options.Backend, new FFmpegBackendOptions(options.SoftwarePreset, options.CodecThreads));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(backend);
        builder.Services.AddSingleton<NodeSessionObserver>();
        builder.Services.AddAkka("vtr", (akka, provider) =>
        {
            akka.AddHocon(SessionsConfig.Hocon, HoconAddMode.Prepend);
            akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = ToAkkaLevel(logLevel);
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
            configureCluster?.Invoke(akka, provider);
        });
        builder.Services.AddHostedService<NodeServerService>();
        return builder.Build();
    }

    private static Akka.Event.LogLevel ToAkkaLevel(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => Akka.Event.LogLevel.DebugLevel,
        LogLevel.Information => Akka.Event.LogLevel.InfoLevel,
        LogLevel.Warning => Akka.Event.LogLevel.WarningLevel,
        _ => Akka.Event.LogLevel.ErrorLevel,
    };
}
