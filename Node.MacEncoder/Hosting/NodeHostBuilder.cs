using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Node.Sessions;
using Vtr.Shared.Hosting;

namespace Vtr.Node.Hosting;

/// <summary>Builds the `vtr node` host: backend, actor system, VTR1 listener; optional cluster wiring from the caller.</summary>
public static class NodeHostBuilder
{
    public static IHost Build(
        NodeOptions options,
        LogLevel logLevel,
        Action<AkkaConfigurationBuilder, IServiceProvider>? configureCluster = null,
        HostConsole? console = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var backend = CodecBackendFactory.Create(options.Backend, new FFmpegBackendOptions(options.SoftwarePreset, options.CodecThreads));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (console is null)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
            builder.Logging.SetMinimumLevel(logLevel);
        }
        else
        {
            console.ConfigureLogging(builder.Logging);
            console.ConfigureServices(builder.Services);
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(backend);
        builder.Services.AddSingleton<FrameMeter>();
        builder.Services.AddAkka("vtr", (akka, provider) =>
        {
            akka.AddHocon(SessionsConfig.Hocon, HoconAddMode.Prepend);
            if (console is not null)
            {
                akka.AddHocon(console.AkkaHocon, HoconAddMode.Prepend);
            }

            akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = ToAkkaLevel(logLevel);
                loggers.ClearLoggers();
                if (console is null)
                {
                    loggers.AddLoggerFactory();
                }
                else
                {
                    console.ConfigureAkkaLoggers(loggers);
                }
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
