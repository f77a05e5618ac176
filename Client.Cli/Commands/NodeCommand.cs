using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Vtr.Node.Codecs;
using Vtr.Node.Hosting;

namespace Vtr.Cli.Commands;

/// <summary>`vtr node`: a VTR1 server (an unmodified FFmpeg can use it), optionally joined to a cluster seed.</summary>
public static class NodeCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "IPv4 HOST:PORT to serve VTR1 on", DefaultValueFactory = _ => "0.0.0.0:5555" };
        var token = new Option<string>("--token") { Description = "shared secret clients must send in HELLO (empty = off)", DefaultValueFactory = _ => "" };
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

        var command = new Command("node", "Run an encoder node") { listen, token, maxSessions, backend, preset, threads, logLevel, once, idle, seeds, selfTest, publicHostname };
        command.SetAction(async (parse, ct) =>
        {
            if (!LogLevelParser.TryParse(parse.GetValue(logLevel), out var level))
            {
                await Console.Error.WriteLineAsync($"vtr node: unknown --log-level '{parse.GetValue(logLevel)}'").ConfigureAwait(false);
                return (int)ExitCode.BadArguments;
            }

            if (parse.GetValue(selfTest))
            {
                return (int)NodeSelfTest.Run(Spectre.Console.AnsiConsole.Console,
                    new Vtr.Node.Codecs.FFmpeg.FFmpegBackendOptions(parse.GetValue(preset)!, parse.GetValue(threads)), new(), ct);
            }

            NodeOptions options;
            try
            {
                options = new NodeOptions
                {
                    Listen = NodeOptions.ParseEndPoint(parse.GetValue(listen)!),
                    Token = parse.GetValue(token) ?? "",
                    MaxSessions = Math.Max(1, parse.GetValue(maxSessions)),
                    Backend = parse.GetValue(backend)!,
                    SoftwarePreset = parse.GetValue(preset)!,
                    CodecThreads = parse.GetValue(threads),
                    Once = parse.GetValue(once),
                    IdleTimeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(idle))),
                    PublicHostname = parse.GetValue(publicHostname),
                };
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync("vtr node: " + ex.Message).ConfigureAwait(false);
                return (int)ExitCode.BadArguments;
            }

            try
            {
                using var host = NodeHostBuilder.Build(options, level, NodeClusterWiring.For(parse.GetValue(seeds) ?? []));
                await host.RunAsync(ct).ConfigureAwait(false);
                return (int)ExitCode.Success;
            }
            catch (CodecException ex)
            {
                await Console.Error.WriteLineAsync("vtr node: " + ex.Message).ConfigureAwait(false);
                return (int)ExitCode.Failure;
            }
        });
        return command;
    }
}
