using Vtr.Node.Codecs.VideoToolbox;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;

/// <summary>The decoder's wait for a complete set of parameter sets, on the recorded streams under Samples/.</summary>
public class ParameterSetGatheringTests
{
    [Fact]
    public void H264_waits_for_the_PPS_when_the_first_packet_carries_only_an_SPS()
    {
        var nals = Nals("h264_64x64_2frames.h264");
        var gathering = new ParameterSetGathering(VideoCodec.H264);

        Assert.Equal(GatheringOutcome.Waiting, gathering.Offer(SampleBufferPayload.JoinAsAnnexB([Of(nals, H264NalUnitType.Sps)])));
        Assert.False(gathering.IsComplete);
        Assert.Equal("PPS", gathering.Missing);

        Assert.Equal(GatheringOutcome.Complete, gathering.Offer(SampleBufferPayload.JoinAsAnnexB([Of(nals, H264NalUnitType.Pps)])));
        Assert.Equal([Of(nals, H264NalUnitType.Sps), Of(nals, H264NalUnitType.Pps)], gathering.ParameterSets);
    }

    [Fact]
    public void HEVC_needs_VPS_SPS_and_PPS_and_hands_them_over_in_that_order()
    {
        var nals = Nals("hevc_64x64_2frames.h265");
        var gathering = new ParameterSetGathering(VideoCodec.Hevc);

        gathering.Add([Of(nals, HevcNalUnitType.Pps, hevc: true), Of(nals, HevcNalUnitType.Sps, hevc: true)]);
        Assert.False(gathering.IsComplete); // two sets were enough for the old check, not for CMVideoFormatDescriptionCreateFromHEVCParameterSets
        Assert.Equal("VPS", gathering.Missing);

        gathering.Add([Of(nals, HevcNalUnitType.Vps, hevc: true)]);
        Assert.True(gathering.IsComplete);
        Assert.Equal([HevcNalUnitType.Vps, HevcNalUnitType.Sps, HevcNalUnitType.Pps],
            gathering.ParameterSets.Select(n => HevcNalUnitType.Of(n)));
    }

    [Fact]
    public void A_picture_before_the_parameter_sets_are_complete_is_refused_not_decoded()
    {
        var annexB = SampleBufferPayloadTests.Read("h264_64x64_2frames.h264");
        var nals = Nals("h264_64x64_2frames.h264");
        var withoutPps = nals.Where(n => H264NalUnitType.Of(n) != H264NalUnitType.Pps).ToList();
        var gathering = new ParameterSetGathering(VideoCodec.H264);

        Assert.Equal(GatheringOutcome.PictureBeforeParameterSets, gathering.Offer(SampleBufferPayload.JoinAsAnnexB(withoutPps)));
        Assert.Equal("PPS", gathering.Missing);
        Assert.Equal(GatheringOutcome.Complete, gathering.Offer(annexB)); // a whole access unit completes it
    }

    [Fact]
    public void Repeated_parameter_sets_are_kept_once()
    {
        var nals = Nals("h264_64x64_2frames.h264");
        var gathering = new ParameterSetGathering(VideoCodec.H264);
        var sps = Of(nals, H264NalUnitType.Sps);

        gathering.Add([sps, sps.ToArray(), Of(nals, H264NalUnitType.Pps), sps]);

        Assert.Equal(2, gathering.ParameterSets.Count);
    }

    [Fact]
    public void Nothing_gathered_names_every_missing_kind()
    {
        Assert.Equal("VPS, SPS, PPS", new ParameterSetGathering(VideoCodec.Hevc).Missing);
        Assert.Equal("SPS, PPS", new ParameterSetGathering(VideoCodec.H264).Missing);
    }

    private static List<byte[]> Nals(string file)
    {
        var nals = new List<byte[]>();
        foreach (var nal in NalUnitReader.ForAnnexB(SampleBufferPayloadTests.Read(file)))
        {
            nals.Add(nal.ToArray());
        }

        return nals;
    }

    private static byte[] Of(List<byte[]> nals, int type, bool hevc = false) =>
        nals.First(n => (hevc ? HevcNalUnitType.Of(n) : H264NalUnitType.Of(n)) == type);
}
