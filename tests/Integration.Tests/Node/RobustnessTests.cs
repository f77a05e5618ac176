using System.Buffers.Binary;
using System.Net.Sockets;
using Akka.Actor;
using Vtr.Node.Sessions;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Integration.Tests.Node;

/// <summary>Hostile and careless clients: the node answers clearly, keeps serving everyone else, and frees everything.</summary>
public sealed class RobustnessTests : NodeTestKit
{
    private const int MalformedConnections = 500;

    protected override int MaxSessions => 8;

    [BackendFact]
    public async Task Five_hundred_malformed_messages_do_not_disturb_a_healthy_session()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var healthy = await TestSessions.OpenEncoderAsync(NodeEndPoint, VideoCodec.H264,
            TestSessions.EncodeConfigure(96, 64, WireCompression.Lz4), cts.Token);
        var encoding = TestSessions.EncodeAsync(healthy, 96, 64, 120, cts.Token, forceKeyframeAt: 60);

        var random = new Random(1234);
        for (var i = 0; i < MalformedConnections; i++)
        {
            await SendGarbageAsync(MalformedMessage(random, i), cts.Token);
        }

        var packets = await encoding;
        Assert.Equal(Enumerable.Range(0, 120).Select(i => (long)i), packets.Select(p => p.Pts).Order());
        Assert.True(packets.Single(p => p.Pts == 60).IsKeyframe);
        await AwaitPoolEmptyAsync();
    }

    [BackendFact]
    public async Task Client_that_disconnects_mid_stream_frees_its_session()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        var client = await TestSessions.OpenEncoderAsync(NodeEndPoint, VideoCodec.Hevc, TestSessions.EncodeConfigure(64, 64), cts.Token);
        for (var i = 0; i < 5; i++)
        {
            var (luma, chroma) = Media.TestPattern.Nv12(64, 64, i);
            await client.SendFrameAsync(i, 1, false, luma, chroma, cts.Token);
        }

        await client.DisposeAsync();

        await AwaitPoolEmptyAsync();
    }

    [BackendFact(CountsDescriptors = true)]
    public async Task Opening_and_dropping_many_sessions_returns_descriptors_and_threads_to_baseline()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await DropSessionsAsync(10, cts.Token); // warm pools, JIT and thread pool before the baseline
        await AwaitPoolEmptyAsync();
        var (fdBefore, threadsBefore) = (OpenDescriptors(), ThreadCount());

        await DropSessionsAsync(100, cts.Token);
        await AwaitPoolEmptyAsync();

        await AwaitAssertAsync(() =>
        {
            Assert.InRange(OpenDescriptors(), 0, fdBefore + 8);
            Assert.InRange(ThreadCount(), 0, threadsBefore + 8);
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));
    }

    private async Task DropSessionsAsync(int count, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            var client = await TestSessions.OpenEncoderAsync(NodeEndPoint, VideoCodec.H264, TestSessions.EncodeConfigure(64, 64), ct);
            var (luma, chroma) = Media.TestPattern.Nv12(64, 64, i);
            await client.SendFrameAsync(0, 1, false, luma, chroma, ct);
            await client.DisposeAsync();
        }
    }

    private async Task AwaitPoolEmptyAsync() =>
        await AwaitAssertAsync(async () =>
        {
            var status = await Server!.Pool.Ask<EncoderPoolProtocol.PoolStatus>(EncoderPoolProtocol.GetPoolStatus.Instance, TimeSpan.FromSeconds(5));
            Assert.Equal(0, status.ActiveSessions);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));

    private async Task SendGarbageAsync(byte[] bytes, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(NodeEndPoint, ct);
        try
        {
            await socket.SendAsync(bytes, ct);
            socket.Shutdown(SocketShutdown.Send);
            var sink = new byte[4096];
            while (await socket.ReceiveAsync(sink, ct) > 0)
            {
                // Read whatever the node answers (an ERROR, a HELLO_ACK) until it closes.
            }
        }
        catch (SocketException)
        {
            // A reset is an acceptable answer to garbage.
        }
    }

    /// <summary>Cycles through the kinds of damage: random bytes, bad magic, wrong version, huge lengths, truncation, lies.</summary>
    private static byte[] MalformedMessage(Random random, int index)
    {
        switch (index % 6)
        {
            case 0:
                var noise = new byte[random.Next(1, 200)];
                random.NextBytes(noise);
                return noise;
            case 1:
                return Header(0x12345678, 1, 1, 0);
            case 2:
                return Header(Vtr1Header.Magic, 9, 1, 0);
            case 3:
                return Header(Vtr1Header.Magic, 1, 5, uint.MaxValue);
            case 4:
                return [.. Header(Vtr1Header.Magic, 1, 1, 40), 0, 3, 0x61];
            default:
                // A HELLO whose first string claims more bytes than the payload has.
                return [.. Header(Vtr1Header.Magic, 1, 1, 4), 0xFF, 0xFF, 0, 0];
        }
    }

    private static byte[] Header(uint magic, ushort version, ushort type, uint length)
    {
        var header = new byte[Vtr1Header.Size];
        BinaryPrimitives.WriteUInt32BigEndian(header, magic);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), version);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), type);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), length);
        return header;
    }

    private static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;

    private static int ThreadCount() => System.Diagnostics.Process.GetCurrentProcess().Threads.Count;
}
