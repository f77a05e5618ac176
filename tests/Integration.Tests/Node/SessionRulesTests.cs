using System.Net.Sockets;
using Akka.Actor;
using Vtr.Cli.Transport;
using Vtr.Node.Sessions;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Integration.Tests.Node;

/// <summary>Handshake, auth, ordering and limit rules of a real node session, over real TCP.</summary>
public sealed class SessionRulesTests : NodeTestKit
{
    protected override int MaxSessions => 1;

    [BackendFact]
    public async Task Connection_over_max_sessions_gets_busy_and_the_running_session_is_untouched()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        await using var first = await TestSessions.OpenEncoderAsync(NodeEndPoint, VideoCodec.H264, TestSessions.EncodeConfigure(64, 64), cts.Token);

        await using var second = await Vtr1Client.ConnectAsync(NodeEndPoint, cts.Token);
        var refused = await Assert.ThrowsAsync<Vtr1SessionRefusedException>(() => second.HelloAsync(Token, VideoCodec.H264, "second", cts.Token));
        Assert.Contains("Busy", refused.Message, StringComparison.Ordinal);
        Assert.Null(await second.ReceiveAsync(cts.Token));

        var packets = await TestSessions.EncodeAsync(first, 64, 64, 5, cts.Token);
        Assert.Equal(5, packets.Count);
    }

    [BackendFact]
    public async Task Wrong_token_gets_auth_failed_then_close_and_nothing_is_encoded()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        await using var client = await Vtr1Client.ConnectAsync(NodeEndPoint, cts.Token);
        await client.SendAsync(new HelloMessage("wrong", "h264", "intruder", "1"), cts.Token);
        // An intruder that does not wait for the verdict: CONFIGURE, a FRAME and FLUSH right behind the HELLO.
        await client.SendAsync(TestSessions.EncodeConfigure(64, 64), cts.Token);
        var (luma, chroma) = Media.TestPattern.Nv12(64, 64, 0);
        await client.SendFrameAsync(0, 1, false, luma, chroma, cts.Token);
        await client.SendAsync(FlushMessage.Instance, cts.Token);

        var ack = Assert.IsType<HelloAckMessage>(await client.ReceiveAsync(cts.Token));
        Assert.Equal(HelloStatus.AuthFailed, ack.Status);
        Assert.Null(await client.ReceiveAsync(cts.Token)); // no CONFIGURE_ACK, no PACKET, no DONE: closed
        await AwaitAssertAsync(async () =>
        {
            var status = await Server!.Pool.Ask<EncoderPoolProtocol.PoolStatus>(EncoderPoolProtocol.GetPoolStatus.Instance, TestSessions.Timeout);
            Assert.Equal(0, status.ActiveSessions); // its slot was freed, not held by a codec
        }, TestSessions.Timeout);
    }

    [BackendFact]
    public async Task Hello_ack_lists_the_codecs_the_backend_really_has()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        await using var client = await Vtr1Client.ConnectAsync(NodeEndPoint, cts.Token);
        var ack = await client.HelloAsync(Token, VideoCodec.Hevc, "caps", cts.Token);

        Assert.Equal(Backend.EncodeCodecs.Concat(Backend.DecodeCodecs).Distinct().Select(c => c.ToWireName()).Order(), ack.Capabilities.Order());
        Assert.Equal(1, ack.MaxSessions);
        Assert.Equal("vtr ffmpeg (software)", ack.ServerName);
    }

    [BackendFact]
    public async Task Frame_before_configure_is_an_unexpected_message_error()
    {
        var error = await ErrorAfterAsync(async (client, ct) =>
        {
            await client.HelloAsync(Token, VideoCodec.H264, "early", ct);
            var (luma, chroma) = Media.TestPattern.Nv12(64, 64, 0);
            await client.SendFrameAsync(0, 1, false, luma, chroma, ct);
        });

        Assert.Equal((uint)Vtr1ErrorCode.UnexpectedMessage, error.Code);
    }

    [BackendFact]
    public async Task Configure_twice_is_an_unexpected_message_error()
    {
        var error = await ErrorAfterAsync(async (client, ct) =>
        {
            await client.HelloAsync(Token, VideoCodec.H264, "twice", ct);
            await client.ConfigureAsync(TestSessions.EncodeConfigure(64, 64), ct);
            await client.SendAsync(TestSessions.EncodeConfigure(64, 64), ct);
        });

        Assert.Equal((uint)Vtr1ErrorCode.UnexpectedMessage, error.Code);
    }

    [BackendFact]
    public async Task Unsupported_wire_compression_is_error_code_1()
    {
        var error = await ErrorAfterAsync(async (client, ct) =>
        {
            await client.HelloAsync(Token, VideoCodec.H264, "wc", ct);
            var configure = TestSessions.EncodeConfigure(64, 64, extra: ("wire_compression", "7"));
            await client.SendAsync(configure, ct);
        });

        Assert.Equal((uint)Vtr1ErrorCode.UnsupportedConfiguration, error.Code);
        Assert.Contains("wire_compression", error.Message, StringComparison.Ordinal);
    }

    [BackendFact]
    public async Task H264_with_p010_is_refused_with_a_clear_reason()
    {
        var error = await ErrorAfterAsync(async (client, ct) =>
        {
            await client.HelloAsync(Token, VideoCodec.H264, "p010", ct);
            await client.SendAsync(TestSessions.EncodeConfigure(64, 64, pixelFormat: WirePixelFormat.P010), ct);
        });

        Assert.Equal((uint)Vtr1ErrorCode.UnsupportedConfiguration, error.Code);
        Assert.Contains("NV12", error.Message, StringComparison.Ordinal);
    }

    [BackendFact]
    public async Task Bad_magic_is_a_malformed_error_and_the_node_keeps_serving()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        using (var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await raw.ConnectAsync(NodeEndPoint, cts.Token);
            await raw.SendAsync(new byte[] { 0x42, 0x41, 0x44, 0x21, 0, 1, 0, 1, 0, 0, 0, 0 }, cts.Token);
            await using var stream = new NetworkStream(raw);
            var reader = new Vtr1PipeReader(System.IO.Pipelines.PipeReader.Create(stream), Vtr1Limits.Default);
            var error = Assert.IsType<ErrorMessage>(await reader.ReadAsync(WireCompression.None, cts.Token));
            Assert.Equal((uint)Vtr1ErrorCode.Malformed, error.Code);
        }

        await using var healthy = await TestSessions.OpenEncoderAsync(NodeEndPoint, VideoCodec.H264, TestSessions.EncodeConfigure(64, 64), cts.Token);
        Assert.Equal(3, (await TestSessions.EncodeAsync(healthy, 64, 64, 3, cts.Token)).Count);
    }

    [BackendFact]
    public async Task Ping_gets_pong_while_streaming()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        await using var client = await TestSessions.OpenEncoderAsync(NodeEndPoint, VideoCodec.H264, TestSessions.EncodeConfigure(64, 64), cts.Token);
        await client.SendAsync(PingMessage.Instance, cts.Token);

        Assert.IsType<PongMessage>(await client.ReceiveAsync(cts.Token));
    }

    [BackendFact]
    public async Task Repeated_frame_and_repeated_flush_give_one_packet_per_pts_and_one_done()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        await using var client = await TestSessions.OpenEncoderAsync(NodeEndPoint, VideoCodec.H264, TestSessions.EncodeConfigure(64, 64), cts.Token);
        var reading = TestSessions.ReadPacketsUntilDoneAsync(client, cts.Token);
        foreach (var pts in new long[] { 0, 1, 1, 2, 2, 3 })
        {
            var (luma, chroma) = Media.TestPattern.Nv12(64, 64, (int)pts);
            await client.SendFrameAsync(pts, 1, false, luma, chroma, cts.Token);
        }

        await client.SendAsync(FlushMessage.Instance, cts.Token);
        await client.SendAsync(FlushMessage.Instance, cts.Token);
        var packets = await reading;

        Assert.Equal([0L, 1, 2, 3], packets.Select(p => p.Pts).Order());
        Assert.Null(await client.ReceiveAsync(cts.Token)); // after DONE the node closes once we are done sending
    }

    [BackendFact]
    public async Task A_silent_client_is_timed_out_and_its_session_freed()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        await using var node = Vtr.Node.Hosting.NodeServer.Start(Sys, Backend, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0),
            Policy with { IdleTimeout = TimeSpan.FromMilliseconds(300) }, 1, poolName: "idle-" + Guid.NewGuid().ToString("N"));
        await using var client = await TestSessions.OpenEncoderAsync(node.DialEndPoint, VideoCodec.H264, TestSessions.EncodeConfigure(64, 64), cts.Token);

        var error = Assert.IsType<ErrorMessage>(await client.ReceiveAsync(cts.Token));

        Assert.Equal((uint)Vtr1ErrorCode.Timeout, error.Code);
        await AwaitAssertAsync(async () =>
        {
            var status = await node.Pool.Ask<EncoderPoolProtocol.PoolStatus>(EncoderPoolProtocol.GetPoolStatus.Instance, TimeSpan.FromSeconds(5));
            Assert.Equal(0, status.ActiveSessions);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
    }

    private async Task<ErrorMessage> ErrorAfterAsync(Func<Vtr1Client, CancellationToken, Task> script)
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        await using var client = await Vtr1Client.ConnectAsync(NodeEndPoint, cts.Token);
        await script(client, cts.Token);
        while (await client.ReceiveAsync(cts.Token) is { } message)
        {
            if (message is ErrorMessage error)
            {
                Assert.Null(await client.ReceiveAsync(cts.Token)); // then the node closes
                return error;
            }
        }

        throw new Xunit.Sdk.XunitException("the node closed without ERROR");
    }
}
