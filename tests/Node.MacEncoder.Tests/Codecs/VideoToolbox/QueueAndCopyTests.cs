using System.Buffers;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.VideoToolbox;

namespace Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;

public class QueueAndCopyTests
{
    private static EncodedPacket Packet(long pts, long dts) =>
        new(MemoryPool<byte>.Shared.Rent(4), 4, pts, dts, 0, isKeyframe: pts == 0);

    [Fact]
    public void Queue_refuses_frames_once_in_flight_plus_waiting_reach_capacity()
    {
        using var queue = new EncodedPacketQueue(2);
        Assert.True(queue.TryReserve());
        Assert.True(queue.TryReserve());
        Assert.False(queue.TryReserve());
        queue.Complete(Packet(0, 0));
        Assert.False(queue.TryReserve()); // one in flight, one waiting
        Assert.Equal(ReceiveResult.Output, queue.Receive(out var packet));
        packet!.Dispose();
        Assert.True(queue.TryReserve());
    }

    [Fact]
    public void Queue_drops_duplicate_pts_and_fixes_dts()
    {
        using var queue = new EncodedPacketQueue(8);
        foreach (var pts in new long[] { 1000, 1000, 1001, 1001, 1002 })
        {
            Assert.True(queue.TryReserve());
            queue.Complete(Packet(pts, pts));
        }

        var dts = new List<long>();
        while (queue.Receive(out var packet) == ReceiveResult.Output)
        {
            dts.Add(packet!.Dts);
            packet.Dispose();
        }

        Assert.Equal([1000L, 1001L, 1002L], dts);
        Assert.Equal(0, queue.InFlight);
    }

    [Fact]
    public void Queue_reports_end_of_stream_after_flush_and_failures_on_receive()
    {
        using var queue = new EncodedPacketQueue(4);
        Assert.Equal(ReceiveResult.NeedsInput, queue.Receive(out _));
        queue.MarkFlushed();
        Assert.Equal(ReceiveResult.EndOfStream, queue.Receive(out _));

        using var failing = new EncodedPacketQueue(4);
        failing.Fail("VideoToolbox encode failed");
        var error = Assert.Throws<CodecException>(() => failing.Receive(out _));
        Assert.True(error.IsRecoverable);
    }

    [Fact]
    public void Rows_copy_the_visible_width_only_across_different_strides()
    {
        var source = Enumerable.Range(0, 3 * 8).Select(i => (byte)i).ToArray();
        var destination = new byte[3 * 6];
        var rows = PlaneCopier.CopyRows(source, 8, destination, 6, rowBytes: 5, rows: 3);
        Assert.Equal(3, rows);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 0, 8, 9, 10, 11, 12, 0, 16, 17, 18, 19, 20, 0 }, destination);
    }

    [Fact]
    public void Rows_copy_min_of_width_and_strides_and_stop_at_the_shorter_buffer()
    {
        var source = new byte[2 * 4];
        Array.Fill(source, (byte)7);
        var destination = new byte[10 * 16];
        Assert.Equal(2, PlaneCopier.CopyRows(source, 4, destination, 16, rowBytes: 10, rows: 10));
        Assert.Equal(8, destination.Count(b => b == 7));
    }
}
