using System.Net;
using System.Net.Sockets;
using Vtr.Cli.Transport;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Client.Cli.Tests.Transport;

/// <summary>Uncompressed FRAMEs bypass the send pipe; they must still arrive intact and still be cancellable.</summary>
public sealed class Vtr1ClientRawSendTests
{
    private const int Width = 1920;
    private const int Height = 1080;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Raw_frames_and_pipe_messages_arrive_in_order_and_byte_exact()
    {
        using var listener = Listen();
        using var cts = new CancellationTokenSource(Bound);
        var accepting = listener.AcceptSocketAsync(cts.Token).AsTask();
        await using var client = await Vtr1Client.ConnectAsync(listener.LocalEndpoint, cts.Token);
        using var server = await accepting;
        var (luma, chroma) = Planes(seed: 3);

        await client.SendAsync(PingMessage.Instance, cts.Token);
        await client.SendFrameAsync(40, 1, forceKeyframe: true, new PlaneView(luma, Width, Height), new PlaneView(chroma, Width, Height / 2), cts.Token);
        await client.SendAsync(FlushMessage.Instance, cts.Token);

        await using var stream = new NetworkStream(server, ownsSocket: false);
        var reader = new Vtr1PipeReader(System.IO.Pipelines.PipeReader.Create(stream), Vtr1Limits.Default);
        Assert.Same(PingMessage.Instance, await reader.ReadAsync(WireCompression.None, cts.Token));
        using (var frame = Assert.IsType<FrameMessage>(await reader.ReadAsync(WireCompression.None, cts.Token)))
        {
            Assert.Equal((40L, 1L, true), (frame.Pts, frame.Duration, frame.ForceKeyframe));
            Assert.True(frame.Planes[0].Data.Span.SequenceEqual(luma));
            Assert.True(frame.Planes[1].Data.Span.SequenceEqual(chroma));
        }

        Assert.Same(FlushMessage.Instance, await reader.ReadAsync(WireCompression.None, cts.Token));
    }

    [Fact]
    public async Task A_raw_send_blocked_by_a_node_that_stopped_reading_ends_when_cancelled()
    {
        using var listener = Listen();
        using var bound = new CancellationTokenSource(Bound);
        var accepting = listener.AcceptSocketAsync(bound.Token).AsTask();
        await using var client = await Vtr1Client.ConnectAsync(listener.LocalEndpoint, bound.Token);
        using var server = await accepting; // accepted, never read: the buffers fill up
        var (luma, chroma) = Planes(seed: 5);
        using var cancel = new CancellationTokenSource();

        ValueTask blocked = default;
        for (var i = 0; i < 100 && blocked.IsCompleted; i++)
        {
            blocked = client.SendFrameAsync(i, 1, false, new PlaneView(luma, Width, Height), new PlaneView(chroma, Width, Height / 2), cancel.Token);
            if (blocked.IsCompleted)
            {
                await blocked;
            }
        }

        Assert.False(blocked.IsCompleted, "100 frames (300 MB) went out to a peer that reads nothing");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await blocked.AsTask().WaitAsync(Bound));
    }

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static (byte[] Luma, byte[] Chroma) Planes(int seed)
    {
        var luma = new byte[Width * Height];
        var chroma = new byte[Width * Height / 2];
        new Random(seed).NextBytes(luma);
        new Random(seed + 1).NextBytes(chroma);
        return (luma, chroma);
    }
}
