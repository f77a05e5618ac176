using System.Collections.Immutable;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Cluster;

namespace Vtr.Client.Cli.Tests.Segmenting;

public sealed class SegmentResultStoreTests
{
    private static readonly EncodedSegment Segment = new(
        3,
        LeaseId.New(),
        new NodeId("node-a"),
        new byte[] { 1, 0x64, 0, 0x1f },
        [
            new EncodedPacket(10, 8, 1, true, new byte[] { 0, 0, 0, 1, 0x65, 0x88, 0x84 }),
            new EncodedPacket(12, 9, 1, false, new byte[] { 0, 0, 0, 1, 0x41, 0x9a }),
            new EncodedPacket(11, 10, 1, false, ReadOnlyMemory<byte>.Empty),
        ]);

    [Fact]
    public void Stored_segment_keeps_only_timestamps_in_memory_and_reads_its_bytes_back_from_disk()
    {
        using var store = new SegmentResultStore();
        store.Add(Segment);

        var header = store.Header(Segment.Index);
        var loaded = store.Get(Segment.Index);

        Assert.All(header.Packets, p => Assert.True(p.AnnexB.IsEmpty));
        Assert.Equal(Segment.Packets.Select(p => (p.Pts, p.Dts, p.IsKeyframe)), header.Packets.Select(p => (p.Pts, p.Dts, p.IsKeyframe)));
        Assert.Equal(Segment.Packets.Select(p => p.AnnexB.ToArray()), loaded.Packets.Select(p => p.AnnexB.ToArray()));
        Assert.Equal(Segment.DecoderConfiguration.ToArray(), loaded.DecoderConfiguration.ToArray());
        Assert.Equal(Segment.Bytes, loaded.Bytes);
    }

    [Fact]
    public void Disposing_the_store_deletes_its_files()
    {
        var store = new SegmentResultStore();
        store.Add(Segment);
        var directory = store.DirectoryPath;
        Assert.NotEmpty(Directory.GetFiles(directory));

        store.Dispose();

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void Asking_for_a_segment_that_never_finished_is_an_error()
    {
        using var store = new SegmentResultStore();

        Assert.Throws<InvalidOperationException>(() => store.Header(99));
    }
}
