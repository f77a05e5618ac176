using System.Buffers;
using Vtr.Node.Codecs;
using Vtr.Node.Sessions;
using Vtr.Node.Transport;
using Vtr.Shared.Wire;

namespace Vtr.Node.MacEncoder.Tests.Sessions;

public sealed class OutputBacklogTests
{
    [Fact]
    public void Backlog_keeps_outputs_in_order_up_to_its_bound()
    {
        var backlog = new OutputBacklog(3);
        backlog.Enqueue(PendingOutput.Of(PongMessage.Instance));
        backlog.Enqueue(PendingOutput.Of(Packet(pts: 7)));
        backlog.Enqueue(PendingOutput.Of(DoneMessage.Instance));

        Assert.True(backlog.TryDequeue(out var first));
        Assert.True(backlog.TryDequeue(out var second));
        Assert.True(backlog.TryDequeue(out var third));
        Assert.False(backlog.TryDequeue(out _));
        Assert.Same(PongMessage.Instance, first.Control);
        Assert.Equal(7, second.Packet!.Pts);
        Assert.Same(DoneMessage.Instance, third.Control);
    }

    [Fact]
    public void Output_past_the_bound_is_refused_and_its_buffer_returned()
    {
        var backlog = new OutputBacklog(1);
        backlog.Enqueue(PendingOutput.Of(Packet(pts: 0)));
        var overflowing = Packet(pts: 1);

        Assert.Throws<InvalidOperationException>(() => backlog.Enqueue(PendingOutput.Of(overflowing)));
        Assert.Throws<ObjectDisposedException>(() => overflowing.Data);
        Assert.Equal(1, backlog.Count);
    }

    [Fact]
    public void Stopping_session_returns_every_waiting_buffer()
    {
        var backlog = new OutputBacklog(Vtr1Connection.CreditWindow + 1);
        var packets = Enumerable.Range(0, Vtr1Connection.CreditWindow).Select(pts => Packet(pts)).ToList();
        packets.ForEach(packet => backlog.Enqueue(PendingOutput.Of(packet)));

        backlog.DisposeAll();

        Assert.Equal(0, backlog.Count);
        Assert.All(packets, packet => Assert.Throws<ObjectDisposedException>(() => packet.Data));
    }

    private static EncodedPacket Packet(long pts) => new(MemoryPool<byte>.Shared.Rent(16), 16, pts, pts, 1, isKeyframe: pts == 0);
}
