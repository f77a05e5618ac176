using System.Net;
using Akka.Actor;
using Akka.Configuration;
using Vtr.Node.Codecs;
using Vtr.Node.Hosting;
using Vtr.Node.Sessions;

namespace Vtr.Cli.Benchmarks;

/// <summary>
/// A real VTR1 node inside this process: its own ActorSystem and a <see cref="NodeServer"/> on a loopback port,
/// serving the benchmark's sessions one after another. Akka logs only warnings, so the report stays readable.
/// </summary>
internal sealed class BenchNode : IAsyncDisposable
{
    private const string QuietLogging = """
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        """;

    private readonly ActorSystem _system;
    private readonly NodeServer _server;

    private BenchNode(ActorSystem system, NodeServer server)
    {
        _system = system;
        _server = server;
    }

    public EndPoint EndPoint => _server.DialEndPoint;

    public static BenchNode Start(ICodecBackend backend)
    {
        var config = ConfigurationFactory.ParseString(QuietLogging + "\n" + SessionsConfig.Hocon);
        var system = ActorSystem.Create("vtr-bench-node", config);
        try
        {
            var server = NodeServer.Start(system, backend, new IPEndPoint(IPAddress.Loopback, 0), new SessionPolicy(), maxSessions: 2);
            return new BenchNode(system, server);
        }
        catch
        {
            system.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        await _system.Terminate().ConfigureAwait(false);
        _system.Dispose();
    }
}
