using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vtr.Seed.Contact;
using Vtr.Shared.Cluster;
using Vtr.Shared.Hosting;

namespace Vtr.Seed.Hosting;

/// <summary>The Generic Host behind <c>vtr seed</c>: a seed member running the coordinator, its contact point and member book.</summary>
public static class SeedHost
{
    /// <summary>Builds (does not start) the seed host; the seed role is added to <paramref name="options"/>.</summary>
    public static IHost Build(VtrClusterOptions options, ContactPointOptions? contact = null, MemberBook? book = null, HostConsole? console = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seedOptions = options.Roles.Contains(ClusterNames.SeedRole)
            ? options
            : options with { Roles = options.Roles.Add(ClusterNames.SeedRole) };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        console?.ConfigureLogging(builder.Logging);
        console?.ConfigureServices(builder.Services);
        builder.Services.AddAkka(seedOptions.SystemName, akka =>
        {
            if (console is not null)
            {
                akka.AddHocon(console.AkkaHocon, HoconAddMode.Prepend);
            }

            akka.ConfigureLoggers(loggers =>
            {
                if (console is null)
                {
                    loggers.AddLoggerFactory();
                }
                else
                {
                    loggers.ClearLoggers();
                    console.ConfigureAkkaLoggers(loggers);
                }
            })
            .WithVtrCluster(seedOptions)
            .WithJobCoordinator()
            .WithMembershipLog();
            if (book is not null)
            {
                akka.WithActors((system, _) => system.ActorOf(MemberBookKeeper.Props(book), "member-book"));
            }
        });
        if (contact is not null)
        {
            builder.Services.AddSingleton(contact);
            builder.Services.AddHostedService<ContactPointService>();
        }

        return builder.Build();
    }
}
