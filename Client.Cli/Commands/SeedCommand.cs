using System.CommandLine;
using Vtr.Seed.Hosting;

namespace Vtr.Cli.Commands;

/// <summary>`vtr seed`: a cluster seed running the JobCoordinator until Ctrl+C.</summary>
public static class SeedCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "interface to bind Akka.Remote to", DefaultValueFactory = _ => "0.0.0.0" };
        var port = new Option<int>("--port") { Description = "Akka.Remote port", DefaultValueFactory = _ => VtrClusterOptions.DefaultPort };
        var publicHostname = new Option<string?>("--public-hostname") { Description = "name other members use to reach this seed (default: this machine's DNS name)" };
        var command = new Command("seed", "Run a cluster seed (the job coordinator)") { host, port, publicHostname };
        command.SetAction(async (parse, ct) =>
        {
            var portValue = parse.GetValue(port);
            if (portValue is < 0 or > ushort.MaxValue)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"vtr seed: --port {portValue} is not a TCP port").ConfigureAwait(false);
                return (int)ExitCode.BadArguments;
            }

            var options = new VtrClusterOptions
            {
                Host = parse.GetValue(host)!,
                Port = portValue,
                PublicHostname = parse.GetValue(publicHostname),
            };
            var self = $"{options.ResolvePublicHostname()}:{options.Port}";
            await parse.InvocationConfiguration.Output.WriteLineAsync($"vtr seed on {options.Host}:{options.Port}; join with --seed {self}").ConfigureAwait(false);
            await SeedHost.RunAsync(options, ct).ConfigureAwait(false);
            return (int)ExitCode.Success;
        });
        return command;
    }
}
