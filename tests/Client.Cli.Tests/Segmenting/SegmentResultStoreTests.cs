using System.Collections.Immutable;
using Vtr.Cli.Media;
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
    public async Task A_segment_is_visible_and_a_duplicate_returns_only_once_the_first_is_on_disk()
    {
        using var store = new SegmentResultStore();
        // 64 packets of 1 MiB: the write takes long enough to be caught in the middle.
        var large = Segment with { Packets = [.. Enumerable.Range(0, 64).Select(i => new EncodedPacket(i, i, 1, i == 0, new byte[1 << 20]))] };
        var copy = large with { NodeId = new NodeId("node-b") };

        var winner = Task.Run(() => store.Add(large));
        // As soon as the segment is visible (the straggler's copy sees it stored), a duplicate is dropped — and when
        // its run then reports the segment done, the job may end and assembly read it: it must be whole by then.
        Assert.True(SpinWait.SpinUntil(() => store.Contains(large.Index), TimeSpan.FromSeconds(30)));
        var duplicate = store.Add(copy);
        var read = store.Get(large.Index);

        Assert.False(duplicate);
        Assert.Equal(64, read.Packets.Length);
        Assert.All(read.Packets, p => Assert.Equal(1 << 20, p.AnnexB.Length));
        Assert.Equal("node-a", read.NodeId.Value);
        Assert.True(await winner);
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
    public void A_second_result_is_dropped_but_a_replacement_takes_the_place_of_the_first()
    {
        using var store = new SegmentResultStore();
        var better = Segment with { NodeId = new NodeId("node-b"), Packets = [.. Segment.Packets.Select(p => p with { AnnexB = new byte[] { 0, 0, 1, 0x65, 7 } })] };
        Assert.True(store.Add(Segment));

        Assert.False(store.Add(better));
        Assert.Equal("node-a", store.Get(Segment.Index).NodeId.Value);
        store.Replace(better);

        var loaded = store.Get(Segment.Index);
        Assert.Equal("node-b", loaded.NodeId.Value);
        Assert.All(loaded.Packets, p => Assert.Equal(new byte[] { 0, 0, 1, 0x65, 7 }, p.AnnexB.ToArray()));
        Assert.Throws<InvalidOperationException>(() => store.Replace(better with { Index = 42 }));
    }

    [Fact]
    public void Asking_for_a_segment_that_never_finished_is_an_error()
    {
        using var store = new SegmentResultStore();

        Assert.Throws<InvalidOperationException>(() => store.Header(99));
    }

    [Fact]
    public void A_resume_folder_survives_the_store_and_a_new_store_takes_its_segments_back()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vtr-store-resume-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var first = new SegmentResultStore(folder, deleteOnDispose: false))
            {
                first.Add(Segment);
            }

            using var second = new SegmentResultStore(folder, deleteOnDispose: false);
            var taken = second.Load(Plans());

            Assert.Equal(1, taken);
            Assert.Equal(Segment.Packets.Select(p => p.AnnexB.ToArray()), second.Get(Segment.Index).Packets.Select(p => p.AnnexB.ToArray()));
            Assert.Equal(Segment.NodeId, second.Header(Segment.Index).NodeId);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("truncated packets")]
    [InlineData("damaged header")]
    [InlineData("plan changed")]
    public void A_stored_segment_that_does_not_check_out_is_dropped_not_resumed(string damage)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vtr-store-resume-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var first = new SegmentResultStore(folder, deleteOnDispose: false))
            {
                first.Add(Segment);
            }

            var plans = Plans();
            switch (damage)
            {
                case "truncated packets":
                    File.WriteAllBytes(Path.Combine(folder, "000003.bin"), [1, 2, 3]);
                    break;
                case "damaged header":
                    File.WriteAllText(Path.Combine(folder, "000003.json"), "{\"Index\": 3, \"Pack");
                    break;
                default:
                    plans[3] = plans[3] with { OutputPts = [10, 11, 12, 13] };
                    break;
            }

            using var second = new SegmentResultStore(folder, deleteOnDispose: false);

            Assert.Equal(0, second.Load(plans));
            Assert.False(second.Contains(3));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_first_result_of_a_segment_wins_over_a_duplicate_run()
    {
        using var store = new SegmentResultStore();
        store.Add(Segment);

        store.Add(Segment with { LeaseId = LeaseId.New(), NodeId = new NodeId("node-b") });

        Assert.Equal(new NodeId("node-a"), store.Header(Segment.Index).NodeId);
        Assert.Equal(1, store.Count);
    }

    /// <summary>Plans for segments 0..3 where segment 3 is exactly <see cref="Segment"/>'s frames.</summary>
    private static SegmentPlan[] Plans() =>
        [.. Enumerable.Range(0, 4).Select(i => new SegmentPlan(i, 0, 3, 0, i == 3 ? [10, 11, 12] : [], [], 10, 13))];
}
