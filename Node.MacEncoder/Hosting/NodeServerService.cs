using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vtr.Node.Codecs;
using Vtr.Node.Membership;
using Vtr.Node.Sessions;
using Vtr.Node.Transport;

namespace Vtr.Node.Hosting;

/// <summary>Runs the VTR1 listener for the lifetime of the host (the `vtr node` process).</summary>
public sealed partial class NodeServerService(
    ActorSystem system,
    ICodecBackend backend,
    NodeOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<NodeServerService> logger,
    ILogger<ConnectionGate> gateLogger,
    ActorRegistry registry,
    FrameMeter frames) : IHostedService
{
    private NodeServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var policy = new SessionPolicy { Token = options.Token, IdleTimeout = options.IdleTimeout, Frames = frames };
        var watcher = system.ActorOf(SessionCountRelay.Props(options.Once ? lifetime : null), "session-count");
        if (registry.TryGet<NodeAnnouncer>(out var announcer))
        {
            // The cluster wiring started the announcer with the ActorSystem, before this service.
            watcher.Tell(new SessionCountRelay.ForwardTo(announcer));
        }

        var gate = new ConnectionGate(options.Farm, options.ServePlainVtr1, gateLogger);
        _server = NodeServer.Start(system, backend, options.Listen, policy, options.MaxSessions, watcher, options.Once ? 1 : 0, gate: gate);
        LogListening(logger, _server.EndPoint.ToString(), backend.Name, backend.IsHardware ? "hardware" : "software",
            string.Join(',', backend.EncodeCodecs), string.Join(',', backend.DecodeCodecs), options.MaxSessions);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "vtr node listening on {EndPoint} backend={Backend} ({Kind}) encode={EncodeCodecs} decode={DecodeCodecs} max_sessions={MaxSessions}")]
    private static partial void LogListening(ILogger logger, string endPoint, string backend, string kind, string encodeCodecs, string decodeCodecs, int maxSessions);
}
