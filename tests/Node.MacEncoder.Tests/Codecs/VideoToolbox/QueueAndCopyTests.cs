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
        using var queue = EncodedPacketHandOff.Create(2);
        Assert.True(queue.TryReserve(out var first));
        Assert.True(queue.TryReserve(out _));
        Assert.False(queue.TryReserve(out _));
        queue.Complete(first, Packet(0, 0));
        Assert.False(queue.TryReserve(out _)); // one in flight, one waiting
        Assert.Equal(ReceiveResult.Output, queue.Receive(out var packet));
        packet!.Dispose();
        Assert.True(queue.TryReserve(out _));
    }

    [Fact]
    public void Queue_drops_duplicate_pts_and_fixes_dts()
    {
        using var queue = EncodedPacketHandOff.Create(8);
        foreach (var pts in new long[] { 1000, 1000, 1001, 1001, 1002 })
        {
            Assert.True(queue.TryReserve(out var ticket));
            queue.Complete(ticket, Packet(pts, pts));
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
        using var queue = EncodedPacketHandOff.Create(4);
        Assert.Equal(ReceiveResult.NeedsInput, queue.Receive(out _));
        queue.MarkFlushed();
        Assert.Equal(ReceiveResult.EndOfStream, queue.Receive(out _));

        using var failing = EncodedPacketHandOff.Create(4);
        Assert.True(failing.TryReserve(out var ticket));
        failing.Fail(ticket, "VideoToolbox encode failed");
        Assert.Equal(0, failing.InFlight);
        var error = Assert.Throws<CodecException>(() => failing.Receive(out _));
        Assert.True(error.IsRecoverable);
    }

    [Fact]
    public void Synchronous_drops_release_their_slots_so_the_encoder_never_gets_stuck()
    {
        using var queue = EncodedPacketHandOff.Create(4);
        for (var frame = 0; frame < 3 * queue.Capacity; frame++)
        {
            // VideoToolboxEncoder.Submit's order: reserve, VTCompressionSessionEncodeFrame, then its infoFlagsOut.
            Assert.True(queue.TryReserve(out var ticket), $"frame {frame} refused after {frame} synchronous drops");
            queue.Submitted(ticket, VtEncodeInfoFlags.Asynchronous | VtEncodeInfoFlags.FrameDropped);
        }

        Assert.Equal(0, queue.InFlight);
    }

    [Fact]
    public void A_callback_for_a_frame_already_dropped_synchronously_frees_no_second_slot()
    {
        using var queue = EncodedPacketHandOff.Create(2);
        Assert.True(queue.TryReserve(out var dropped));
        Assert.True(queue.TryReserve(out var encoding));
        queue.Submitted(encoding, VtEncodeInfoFlags.Asynchronous);
        queue.Submitted(dropped, VtEncodeInfoFlags.FrameDropped);
        Assert.Equal(1, queue.InFlight);

        queue.Complete(dropped, null); // VideoToolbox reports the drop to the callback as well

        Assert.Equal(1, queue.InFlight); // the frame still encoding keeps its slot
        Assert.True(queue.TryReserve(out _));
        Assert.False(queue.TryReserve(out _));
    }

    [Fact]
    public void Frames_encoding_asynchronously_keep_their_slots_until_their_callbacks()
    {
        using var queue = EncodedPacketHandOff.Create(1);
        Assert.True(queue.TryReserve(out var ticket));
        queue.Submitted(ticket, VtEncodeInfoFlags.Asynchronous);
        Assert.False(queue.TryReserve(out _));

        queue.Complete(ticket, null);

        Assert.True(queue.TryReserve(out var next));
        Assert.NotEqual(ticket, next);
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
