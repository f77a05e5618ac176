using System.Net;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Vtr.Cli.Transport;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Node.Hosting;
using Vtr.Node.Sessions;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Integration.Tests.Node.Pooling;

/// <summary>
/// Every pooled buffer the node rents — FRAME planes parsed from the socket, packets from libx264 — goes back, however
/// the session ends: the codec failing to open with frames stashed, the client vanishing mid-stream, the node
/// shutting down mid-stream. Real sockets, real libx264; the pools only count.
/// </summary>
public sealed class PooledBufferTests : TestKit
{
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(15);
    private static readonly SessionPolicy Policy = new() { Token = NodeTestKit.Token, LingerTimeout = TimeSpan.FromSeconds(2) };
    private readonly CountingArrayPool _planes = new();
    private readonly CountingMemoryPool _packets = new();

    public PooledBufferTests()
        : base(SessionsConfig.Hocon)
    {
    }

    [BackendFact]
    public async Task Frames_stashed_while_the_codec_fails_to_open_are_returned()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        // Four FRAMEs (two planes each) parsed means at least three already wait in the opening session's stash.
        var backend = new OpenFailingBackend(CountingBackend(), () => _planes.WhenRentedAsync(8));
        await using var node = StartNode(Sys, backend);
        await using var client = await Vtr1Client.ConnectAsync(node.DialEndPoint, cts.Token);
        await client.HelloAsync(NodeTestKit.Token, VideoCodec.H264, "pipelining", cts.Token);

        // A pipelining client: CONFIGURE and frames without waiting for CONFIGURE_ACK.
        await client.SendAsync(TestSessions.EncodeConfigure(64, 64), cts.Token);
        await SendFramesAsync(client, 64, 64, 6, cts.Token);
        var error = Assert.IsType<ErrorMessage>(await client.ReceiveAsync(cts.Token));

        Assert.Equal((uint)Vtr1ErrorCode.UnsupportedConfiguration, error.Code);
        await AwaitAllReturnedAsync(minimumPlanes: 8);
    }

    [BackendFact]
    public async Task Buffers_in_flight_when_the_client_disconnects_mid_stream_are_returned()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        await using var node = StartNode(Sys, CountingBackend());
        var client = await TestSessions.OpenEncoderAsync(node.DialEndPoint, VideoCodec.H264, TestSessions.EncodeConfigure(320, 240), cts.Token);

        await SendFramesAsync(client, 320, 240, 40, cts.Token);
        Assert.IsType<PacketMessage>(await client.ReceiveAsync(cts.Token)); // the encoder is producing output
        await client.DisposeAsync(); // gone without FLUSH, with frames and packets still on their way

        await AwaitAllReturnedAsync(minimumPlanes: 2, minimumPackets: 1);
    }

    [BackendFact]
    public async Task Buffers_in_flight_when_the_node_shuts_down_mid_stream_are_returned()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        var system = ActorSystem.Create("shutting-down-node", SessionsConfig.Hocon);
        var node = StartNode(system, CountingBackend());
        await using var client = await TestSessions.OpenEncoderAsync(node.DialEndPoint, VideoCodec.H264, TestSessions.EncodeConfigure(320, 240), cts.Token);
        await SendFramesAsync(client, 320, 240, 40, cts.Token);
        Assert.IsType<PacketMessage>(await client.ReceiveAsync(cts.Token));

        // What `vtr node` does on Ctrl+C: stop accepting, then terminate the actor system under the running session.
        await node.DisposeAsync();
        await system.Terminate().WaitAsync(cts.Token);

        await AwaitAllReturnedAsync(minimumPlanes: 2, minimumPackets: 1);
    }

    private FFmpegBackend CountingBackend() => new(new FFmpegBackendOptions("ultrafast", Threads: 1) { OutputPool = _packets });

    private NodeServer StartNode(ActorSystem system, ICodecBackend backend) =>
        NodeServer.Start(system, backend, new IPEndPoint(IPAddress.Loopback, 0), Policy, 2, poolName: "pool-" + Guid.NewGuid().ToString("N"), planePool: _planes);

    private static async Task SendFramesAsync(Vtr1Client client, int width, int height, int count, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            var (luma, chroma) = Media.TestPattern.Nv12(width, height, i);
            await client.SendFrameAsync(i, 1, false, luma, chroma, ct);
        }
    }

    /// <summary>The node rented at least this much (so the test exercised something) and, once settled, returned all of it.</summary>
    private Task AwaitAllReturnedAsync(int minimumPlanes, int minimumPackets = 0) =>
        AwaitAssertAsync(() =>
        {
            Assert.InRange(_planes.Rented, minimumPlanes, int.MaxValue);
            Assert.InRange(_packets.Rented, minimumPackets, int.MaxValue);
            Assert.Equal(_planes.Rented, _planes.Returned);
            Assert.Equal(_packets.Rented, _packets.Returned);
        }, Settled);
}
