using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Vtr.Cli.Logging;
using Vtr.Node.Hosting;
using Vtr.Seed.Contact;
using Vtr.Seed.Hosting;

namespace Vtr.Cli.Commands;

/// <summary>`vtr seed`: a cluster seed (contact point, job coordinator) that runs until SIGINT/SIGTERM.</summary>
public static class SeedCommand
{
    /// <param name="interrupts">The process's signal handler (SIGINT/SIGTERM → graceful leave); null where the
    /// command is only parsed (tests, `vtr service install`).</param>
    public static Command Create(InterruptHandler? interrupts = null)
    {
        var host = new Option<string>("--host") { Description = "IPv4 interface to bind (0.0.0.0 = all; a specific address is also the one advertised)", DefaultValueFactory = _ => "0.0.0.0" };
        var port = new Option<int>("--port") { Description = "contact port: the one nodes and clients give as --seed HOST:PORT", DefaultValueFactory = _ => VtrClusterOptions.DefaultContactPort };
        var clusterPort = new Option<int?>("--cluster-port") { Description = "Akka.Remote port of the seed (default: --port + 1)" };
        var publicHostname = new Option<string?>("--public-hostname") { Description = "address other members dial for this seed (default: the bound address, or this machine's LAN address)" };
        var logLevel = new Option<string>("--log-level") { Description = "error|info|debug (debug also shows Akka's internals)", DefaultValueFactory = _ => "info" };
        var command = new Command("seed", "Run a cluster seed: the contact point nodes and clients join through, and the job coordinator")
        {
            host, port, clusterPort, publicHostname, logLevel,
        };
        command.SetAction(async (parse, ct) =>
        {
            interrupts?.LeaveGracefully(DaemonConsole.Say);
            var error = parse.InvocationConfiguration.Error;
            var contactPort = parse.GetValue(port);
            var remotePort = parse.GetValue(clusterPort) ?? contactPort + 1;
            if (!LogLevelParser.TryParse(parse.GetValue(logLevel), out var level) || contactPort is < 1 or > ushort.MaxValue ||
                remotePort is < 1 or > ushort.MaxValue || !IPAddress.TryParse(parse.GetValue(host), out var bind) ||
                bind.AddressFamily != AddressFamily.InterNetwork)
            {
                await error.WriteLineAsync("vtr seed: --host must be an IPv4 address, --port/--cluster-port TCP ports, --log-level error|info|debug (see --help)").ConfigureAwait(false);
                return (int)ExitCode.BadArguments;
            }

            PeopleConsole.Level = level;
            if (!NodePortPicker.IsFree(bind, contactPort) || !NodePortPicker.IsFree(bind, remotePort))
            {
                await error.WriteLineAsync($"vtr seed: port {contactPort} or {remotePort} on {bind} is already in use (another vtr seed?); choose others with --port").ConfigureAwait(false);
                return (int)ExitCode.Failure;
            }

            if (!FarmNotice.TryLoad("seed", error, out var farm))
            {
                return (int)ExitCode.NotInFarm;
            }

            using var _ = farm;
            var options = new VtrClusterOptions { Host = bind.ToString(), Port = remotePort, PublicHostname = parse.GetValue(publicHostname), Farm = farm };
            var advertised = options.ResolvePublicHostname();
            var self = $"{options.Protocol}://{options.SystemName}@{advertised}:{remotePort}";
            var book = MemberBook.ForSeed(contactPort);
            DaemonConsole.Say($"vtr seed: join with --seed {advertised}:{contactPort} (cluster address {self})");
            FarmNotice.Announce(farm);
            try
            {
                await IncarnationLoop.RunAsync((incarnation, token) => StartAsync(options, self, new IPEndPoint(bind, contactPort), book, token), DaemonConsole.Say, ct).ConfigureAwait(false);
                DaemonConsole.Say("vtr seed: left the cluster, stopped");
                return (int)ExitCode.Success;
            }
            catch (Exception ex) when (ex is SocketException || ex.InnerException is SocketException)
            {
                await error.WriteLineAsync($"vtr seed: cannot listen on {bind}:{contactPort} or {bind}:{remotePort} ({ex.Message}; another vtr seed? choose others with --port)").ConfigureAwait(false);
                return (int)ExitCode.Failure;
            }
        });
        return command;
    }

    private static async Task<IHost> StartAsync(VtrClusterOptions options, string self, IPEndPoint contact, MemberBook book, CancellationToken ct)
    {
        // Members of the same kind of farm only: after `vtr farm init` the plain addresses of the open farm are gone.
        var known = book.Read().Where(a => a != self && a.StartsWith(options.Protocol + "://", StringComparison.Ordinal)).ToList();
        if (known.Count > 0)
        {
            DaemonConsole.Say($"looking for the farm this seed ran in before ({known.Count} known members)…");
        }

        var seeded = options with { SeedNodes = known.Count > 0 ? [self, .. known] : [] };
        var host = SeedHost.Build(seeded, new ContactPointOptions(contact, options.Farm), book, DaemonConsole.ForHost());
        try
        {
            await host.StartAsync(ct).ConfigureAwait(false);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
