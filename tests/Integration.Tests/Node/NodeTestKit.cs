using System.Net;
using Akka.TestKit.Xunit2;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Node.Hosting;
using Vtr.Node.Sessions;

namespace Vtr.Integration.Tests.Node;

/// <summary>A real node (real libavcodec backend, real TCP on 127.0.0.1, port 0) inside a test ActorSystem.</summary>
public abstract class NodeTestKit : TestKit, IAsyncLifetime
{
    public const string Token = "secret_test_token";

    private static readonly Lazy<FFmpegBackend> SharedBackend = new(() => new FFmpegBackend(new FFmpegBackendOptions("ultrafast")));

    protected NodeTestKit()
        : this(string.Empty)
    {
    }

    /// <summary>A node whose actor system also reads <paramref name="hocon"/> (e.g. a virtual-time scheduler).</summary>
    protected NodeTestKit(string hocon)
        : base(hocon + "\n" + SessionsConfig.Hocon)
    {
    }

    protected static ICodecBackend Backend => SharedBackend.Value;

    protected NodeServer? Server { get; private set; }

    protected IPEndPoint NodeEndPoint => Server!.DialEndPoint;

    protected virtual int MaxSessions => 4;

    protected virtual SessionPolicy Policy => new() { Token = Token, IdleTimeout = TimeSpan.FromSeconds(5), LingerTimeout = TimeSpan.FromSeconds(2) };

    public Task InitializeAsync()
    {
        Server = NodeServer.Start(Sys, Backend, new IPEndPoint(IPAddress.Loopback, 0), Policy, MaxSessions);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
