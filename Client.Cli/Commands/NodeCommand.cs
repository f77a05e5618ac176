using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Vtr.Cli.Logging;
using Vtr.Node.Codecs;
using Vtr.Node.Hosting;
using Vtr.Seed.Contact;
using Vtr.Seed.Hosting;

namespace Vtr.Cli.Commands;

/// <summary>`vtr node`: a VTR1 server (an unmodified FFmpeg can use it), optionally joined to a cluster seed.</summary>
public static class NodeCommand
{
    /// <param name="interrupts">The process's signal handler (SIGINT/SIGTERM → graceful leave); null where the
    /// command is only parsed (tests, `vtr service install`).</param>
    public static Command Create(InterruptHandler? interrupts = null)
    {
        var listen = new Option<string>("--listen") { Description = "IPv4 HOST:PORT to serve VTR1 on", DefaultValueFactory = _ => "0.0.0.0:5555" };
        var token = new Option<string>("--token") { Description = "shared secret clients must send in HELLO (empty = off; default: $VTR_TOKEN, which `ps` does not show)", DefaultValueFactory = _ => "" };
        var maxSessions = new Option<int>("--max-sessions") { Description = "concurrent sessions; more get HELLO_ACK busy", DefaultValueFactory = _ => 4 };
        var backend = new Option<string>("--backend") { Description = "auto | ffmpeg | videotoolbox", DefaultValueFactory = _ => CodecBackendFactory.Auto };
        backend.AcceptOnlyFromAmong(CodecBackendFactory.Auto, CodecBackendFactory.FFmpeg, CodecBackendFactory.VideoToolbox);
        var preset = new Option<string>("--sw-preset") { Description = "x264/x265 preset of the software backend", DefaultValueFactory = _ => "veryfast" };
        var threads = new Option<int>("--codec-threads") { Description = "threads per software codec session (0 = auto)", DefaultValueFactory = _ => 0 };
        var logLevel = new Option<string>("--log-level") { Description = "error|info|debug or 0|1|2", DefaultValueFactory = _ => "info" };
        var once = new Option<bool>("--once") { Description = "serve one connection, then exit" };
        var idle = new Option<double>("--idle-timeout") { Description = "seconds without a message before a session is dropped", DefaultValueFactory = _ => 10 };
        var publicHostname = new Option<string?>("--public-hostname") { Description = "host name cluster clients dial for this node (default: from --listen, or the machine name)" };
        var selfTest = new Option<bool>("--self-test") { Description = "encode and decode a generated clip with every backend, print fps/bytes/PSNR, exit" };
        var seeds = new Option<string[]>("--seed") { Description = "cluster seed HOST:PORT to join (repeatable)", AllowMultipleArgumentsPerToken = true };

        var clusterPort = new Option<int?>("--cluster-port") { Description = "Akka.Remote port with --seed (default: the VTR1 port + 10000)" };
        var joinTimeout = new Option<double>("--join-timeout") { Description = "seconds to wait for the seed before giving up (0 = wait as long as it takes, as a daemon should)", DefaultValueFactory = _ => 0 };

        var vtr1Listen = new Option<string>("--vtr1-listen") { Description = "on: also serve plain VTR1 (unmodified FFmpeg); off: serve only the secured farm's TLS connections", DefaultValueFactory = _ => "on" };
        vtr1Listen.AcceptOnlyFromAmong("on", "off");

        var command = new Command("node", "Run an encoder node") { listen, token, maxSessions, backend, preset, threads, logLevel, once, idle, seeds, selfTest, publicHostname, clusterPort, joinTimeout, vtr1Listen };
        command.SetAction(async (parse, ct) =>
        {
            interrupts?.LeaveGracefully(DaemonConsole.Say);
            if (!LogLevelParser.TryParse(parse.GetValue(logLevel), out var level))
            {
                await Console.Error.WriteLineAsync($"vtr node: unknown --log-level '{parse.GetValue(logLevel)}' (error|info|debug)").ConfigureAwait(false);
                return (int)ExitCode.BadArguments;
            }

            if (parse.GetValue(selfTest))
            {
                return (int)NodeSelfTest.Run(Spectre.Console.AnsiConsole.Console,
                    new Vtr.Node.Codecs.FFmpeg.FFmpegBackendOptions(parse.GetValue(preset)!, parse.GetValue(threads)), new(), ct);
            }

            PeopleConsole.Level = level;
            if (!FarmNotice.TryLoad("node", Console.Error, out var farm))
            {
                return (int)ExitCode.NotInFarm;
            }

            using var _ = farm;
            var servePlain = parse.GetValue(vtr1Listen) != "off";
            if (!servePlain && farm is null)
            {
                await Console.Error.WriteLineAsync("vtr node: --vtr1-listen off serves only a secured farm, and this machine has no farm credentials (`vtr farm init` or `vtr farm join`)").ConfigureAwait(false);
                return (int)ExitCode.BadArguments;
            }

            NodeOptions options;
            try
            {
                options = new NodeOptions
                {
                    Listen = NodeOptions.ParseEndPoint(parse.GetValue(listen)!),
                    Token = TokenSource.Resolve(parse.GetValue(token)),
                    MaxSessions = Math.Max(1, parse.GetValue(maxSessions)),
                    Backend = parse.GetValue(backend)!,
                    SoftwarePreset = parse.GetValue(preset)!,
                    CodecThreads = parse.GetValue(threads),
                    Once = parse.GetValue(once),
                    IdleTimeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(idle))),
                    PublicHostname = parse.GetValue(publicHostname),
                    Farm = farm,
                    ServePlainVtr1 = servePlain,
                };
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync("vtr node: " + ex.Message).ConfigureAwait(false);
                return (int)ExitCode.BadArguments;
            }

            var seedList = parse.GetValue(seeds) ?? [];
            var seedEndPoints = new List<SeedEndPoint>();
            if (seedList.Length > 0 && !SeedList.TryParse(seedList, out seedEndPoints, out var bad))
            {
                await Console.Error.WriteLineAsync($"vtr node: --seed '{bad}' is not HOST:PORT").ConfigureAwait(false);
                return (int)ExitCode.BadArguments;
            }

            var starter = new NodeStarter(options, parse.GetResult(listen) is { Implicit: false }, parse.GetValue(clusterPort), level);
            try
            {
                if (seedEndPoints.Count == 0)
                {
                    using var host = await starter.StartAsync(null, ct).ConfigureAwait(false);
                    await host.WaitForShutdownAsync(ct).ConfigureAwait(false);
                    return (int)ExitCode.Success;
                }

                var timeout = parse.GetValue(joinTimeout) is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;
                FarmNotice.Announce(farm);
                var resolver = new ClusterJoinResolver(DaemonConsole.Say, farm);
                await IncarnationLoop.RunAsync(async (incarnation, token) =>
                {
                    var plan = await resolver.ResolveAsync(seedEndPoints, timeout, waitWhenRefused: true, token).ConfigureAwait(false);
                    return await starter.StartAsync(plan, token).ConfigureAwait(false);
                }, DaemonConsole.Say, ct).ConfigureAwait(false);
                DaemonConsole.Say("vtr node: left the cluster, stopped");
                return (int)ExitCode.Success;
            }
            catch (NodePortsTakenException ex)
            {
                await Console.Error.WriteLineAsync("vtr node: " + ex.Message).ConfigureAwait(false);
                return (int)ExitCode.Failure;
            }
            catch (CodecException ex)
            {
                await Console.Error.WriteLineAsync("vtr node: " + ex.Message).ConfigureAwait(false);
                return (int)ExitCode.Failure;
            }
            catch (FarmAccessDeniedException ex)
            {
                await Console.Error.WriteLineAsync("vtr node: " + ex.Message).ConfigureAwait(false);
                return (int)ExitCode.NotInFarm;
            }
            catch (JoinTimedOutException ex)
            {
                await Console.Error.WriteLineAsync("vtr node: " + ex.Message).ConfigureAwait(false);
                return (int)ExitCode.ClusterUnreachable;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return (int)ExitCode.Success;
            }
        });
        return command;
    }
}
