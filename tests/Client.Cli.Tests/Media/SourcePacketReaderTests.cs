using Vtr.Cli.Media;
using Vtr.Shared.Bitstream;

namespace Vtr.Client.Cli.Tests.Media;

[Collection(SampleClipCollection.Name)]
[Trait("Category", "Native")]
public sealed class SourcePacketReaderTests(SampleClips clips)
{
    [FfmpegFact]
    public async Task Planner_on_cfr_and_vfr_clips_starts_at_keyframes_and_covers_every_frame_once()
    {
        foreach (var path in new[] { await clips.CfrMp4, await clips.VfrMp4 })
        {
            var info = MediaProbe.Probe(path);
            var plans = SegmentPlanner.Plan(info, 1.0);

            Assert.True(plans.Length >= 3, $"{path}: {plans.Length} segments");
            Assert.All(plans, p => Assert.True(info.VideoPackets[p.FirstPacketIndex].IsKeyframe));
            Assert.Equal(info.VideoPackets.Select(p => p.Pts).Order(), plans.SelectMany(p => p.OutputPts).Order());
            Assert.All(plans.SkipLast(1), p => Assert.InRange(info.ToSeconds(p.EndPts - p.StartPts), 0.5, 1.7));
        }
    }

    [FfmpegFact]
    public async Task Reader_yields_exactly_the_segment_packets_as_annex_b_with_parameter_sets_first()
    {
        var info = MediaProbe.Probe(await clips.CfrMp4);
        var plans = SegmentPlanner.Plan(info, 1.0);
        using var reader = SourcePacketReader.Open(info);

        foreach (var plan in plans.Reverse())
        {
            var packets = reader.ReadSegment(plan).ToList();

            Assert.Equal(Enumerable.Range(plan.FirstPacketIndex, plan.PacketCount), packets.Select(p => p.Index));
            Assert.Equal(plan.OutputPts, packets.Select(p => p.Pts).Order());
            Assert.All(packets, p => Assert.True(AnnexB.StartsWithStartCode(p.AnnexB.Span)));
            var firstTypes = NalTypes(packets[0].AnnexB.Span);
            Assert.True(packets[0].IsKeyframe);
            Assert.True(firstTypes.IndexOf(H264NalUnitType.Sps) >= 0 && firstTypes.IndexOf(H264NalUnitType.Sps) < firstTypes.IndexOf(H264NalUnitType.Idr), string.Join(",", firstTypes));
            Assert.Contains(H264NalUnitType.Pps, firstTypes);
        }
    }

    [FfmpegFact]
    public async Task Reader_puts_vps_sps_pps_before_the_first_hevc_keyframe_and_reads_leading_frames_gop()
    {
        var info = MediaProbe.Probe(await clips.HevcMp4);
        var plans = SegmentPlanner.Plan(info, 1.0);
        using var reader = SourcePacketReader.Open(info);
        var plan = plans[^1];

        var packets = reader.ReadSegment(plan).ToList();

        Assert.Equal(plan.EndPacketIndex - plan.DecodeFromPacketIndex, packets.Count);
        var types = NalTypes(packets[0].AnnexB.Span, hevc: true);
        Assert.Contains(HevcNalUnitType.Vps, types);
        Assert.Contains(HevcNalUnitType.Sps, types);
        Assert.Contains(HevcNalUnitType.Pps, types);
    }

    private static List<int> NalTypes(ReadOnlySpan<byte> annexB, bool hevc = false)
    {
        var types = new List<int>();
        foreach (var nal in NalUnitReader.ForAnnexB(annexB))
        {
            types.Add(hevc ? HevcNalUnitType.Of(nal) : H264NalUnitType.Of(nal));
        }

        return types;
    }
}
