using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Shared.Tests.Bitstream;

/// <summary>
/// Our records against the ones FFmpeg 5.1's MP4 muxer writes for the same libx264/libx265 streams,
/// byte for byte, and the parameter sets back out of them.
/// </summary>
public class DecoderConfigurationRecordFfmpegTests
{
    private static EncodedSample H264Profile(string profile) =>
        EncodedSample.H264($"x264-{profile}", $"-profile:v {profile} -pix_fmt yuv420p");

    private static EncodedSample H264High10() =>
        EncodedSample.H264("x264-high10", "-profile:v high10 -pix_fmt yuv420p10le");

    private static EncodedSample HevcMain() => EncodedSample.Hevc("x265-main", "-pix_fmt yuv420p");

    private static EncodedSample HevcMain10() => EncodedSample.Hevc("x265-main10", "-pix_fmt yuv420p10le");

    // FFmpeg's raw-stream demuxer takes extradata with extract_extradata, which keeps only
    // VPS/SPS/PPS, so the -c copy hvcC has no SEI array although x265 writes one in its header.
    private static byte[] HevcParameterSetsOnly(EncodedSample sample) =>
        sample.HeaderNals(type => type is HevcNalUnitType.Vps or HevcNalUnitType.Sps or HevcNalUnitType.Pps);

    [FfmpegTheory]
    [InlineData("baseline")]
    [InlineData("main")]
    [InlineData("high")]
    public void Avcc_built_from_x264_parameter_sets_matches_ffmpeg_mp4_byte_for_byte(string profile)
    {
        var sample = H264Profile(profile);
        var expected = Mp4BoxWalker.FindConfigurationPayload(sample.Mp4, "avcC");

        var built = DecoderConfigurationRecord.BuildFromAnnexB(VideoCodec.H264, sample.HeaderNals());

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(built));
    }

    [FfmpegFact]
    public void Avcc_for_high10_carries_the_bit_depth_extension_exactly_as_ffmpeg_writes_it()
    {
        var sample = H264High10();
        var expected = Mp4BoxWalker.FindConfigurationPayload(sample.Mp4, "avcC");

        var built = DecoderConfigurationRecord.BuildFromAnnexB(VideoCodec.H264, sample.HeaderNals());

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(built));
        Assert.Equal([0xFD, 0xFA, 0xFA, 0x00], built[^4..]);
    }

    [FfmpegFact]
    public void Hvcc_built_from_x265_main_parameter_sets_matches_ffmpeg_mp4_byte_for_byte()
    {
        var sample = HevcMain();
        var expected = Mp4BoxWalker.FindConfigurationPayload(sample.Mp4, "hvcC");

        var built = DecoderConfigurationRecord.BuildFromAnnexB(VideoCodec.Hevc, HevcParameterSetsOnly(sample));

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(built));
    }

    [FfmpegFact]
    public void Hvcc_built_from_x265_main10_parameter_sets_matches_ffmpeg_mp4_byte_for_byte()
    {
        var sample = HevcMain10();
        var expected = Mp4BoxWalker.FindConfigurationPayload(sample.Mp4, "hvcC");

        var built = DecoderConfigurationRecord.BuildFromAnnexB(VideoCodec.Hevc, HevcParameterSetsOnly(sample));

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(built));
    }

    [FfmpegFact]
    public void Hvcc_keeps_the_x265_header_sei_array_when_ffmpeg_muxes_the_encoder_extradata()
    {
        var sample = EncodedSample.HevcMuxedByEncoder("x265-direct", "-pix_fmt yuv420p");
        var expected = Mp4BoxWalker.FindConfigurationPayload(sample.Mp4, "hvcC");

        var built = DecoderConfigurationRecord.BuildFromAnnexB(VideoCodec.Hevc, sample.HeaderNals());

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(built));
        Assert.Equal(4, built[22]); // VPS, SPS, PPS and the prefix SEI array
    }

    [FfmpegFact]
    public void Hvcc_for_an_hvc1_sample_entry_still_leaves_array_completeness_clear_as_ffmpeg_5_1_does()
    {
        // FFmpeg 5.1's movenc passes ps_array_completeness 0 whatever the tag; later versions set it for hvc1.
        var sample = EncodedSample.Hevc("x265-hvc1", "-pix_fmt yuv420p -tag:v hvc1");
        var expected = Mp4BoxWalker.FindConfigurationPayload(sample.Mp4, "hvcC");

        var built = DecoderConfigurationRecord.BuildFromAnnexB(VideoCodec.Hevc, HevcParameterSetsOnly(sample));
        var complete = DecoderConfigurationRecord.BuildFromAnnexB(
            VideoCodec.Hevc, HevcParameterSetsOnly(sample), parameterSetArraysComplete: true);

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(built));
        Assert.Equal(0x80 | HevcNalUnitType.Vps, complete[23]);
    }

    [FfmpegFact]
    public void ToAnnexB_of_ffmpeg_records_gives_back_the_raw_stream_parameter_sets()
    {
        foreach (var sample in new[] { H264Profile("high"), H264High10() })
        {
            var avcc = Mp4BoxWalker.FindConfigurationPayload(sample.Mp4, "avcC");
            var expected = sample.HeaderNals(type => type is H264NalUnitType.Sps or H264NalUnitType.Pps);
            Assert.Equal(expected, DecoderConfigurationRecord.ToAnnexB(VideoCodec.H264, avcc));
        }

        foreach (var sample in new[] { HevcMain(), HevcMain10() })
        {
            var hvcc = Mp4BoxWalker.FindConfigurationPayload(sample.Mp4, "hvcC");
            Assert.Equal(HevcParameterSetsOnly(sample), DecoderConfigurationRecord.ToAnnexB(VideoCodec.Hevc, hvcc));
        }
    }

    [FfmpegFact]
    public void Records_announce_four_byte_nal_lengths_and_the_encoded_geometry()
    {
        var avcc = Mp4BoxWalker.FindConfigurationPayload(H264High10().Mp4, "avcC");
        var hvcc = Mp4BoxWalker.FindConfigurationPayload(HevcMain10().Mp4, "hvcC");

        Assert.Equal(4, DecoderConfigurationRecord.NalLengthSize(VideoCodec.H264, avcc));
        Assert.Equal(4, DecoderConfigurationRecord.NalLengthSize(VideoCodec.Hevc, hvcc));
        Assert.Equal(new ParameterSetGeometry(320, 240, 10, 1), DecoderConfigurationRecord.ReadGeometry(VideoCodec.H264, avcc));
        Assert.Equal(new ParameterSetGeometry(320, 240, 10, 1), DecoderConfigurationRecord.ReadGeometry(VideoCodec.Hevc, hvcc));
    }

    [FfmpegFact]
    public void H264_sps_parse_reports_profile_level_size_and_bit_depth()
    {
        var high = FirstNal(H264Profile("high").RawStream, H264NalUnitType.Sps, hevc: false);
        var high10 = FirstNal(H264High10().RawStream, H264NalUnitType.Sps, hevc: false);

        Assert.True(H264SpsInfo.TryParse(high, out var info) && info is not null);
        Assert.Equal((100, 320, 240, 8, 8, 1), (info.ProfileIdc, info.Width, info.Height, info.BitDepthLuma, info.BitDepthChroma, info.ChromaFormatIdc));
        Assert.Equal(high[3], info.LevelIdc);
        Assert.True(H264SpsInfo.TryParse(high10, out var info10) && info10 is not null);
        Assert.Equal((110, 10, 10), (info10.ProfileIdc, info10.BitDepthLuma, info10.BitDepthChroma));
    }

    [FfmpegFact]
    public void Hevc_sps_parse_reports_profile_tier_level_size_and_bit_depth()
    {
        var main = FirstNal(HevcMain().RawStream, HevcNalUnitType.Sps, hevc: true);
        var main10 = FirstNal(HevcMain10().RawStream, HevcNalUnitType.Sps, hevc: true);

        Assert.True(HevcSpsInfo.TryParse(main, out var info) && info is not null);
        Assert.Equal((1, false, 320, 240, 8, 1), (info.ProfileTierLevel.ProfileIdc, info.ProfileTierLevel.TierFlag, info.Width, info.Height, info.BitDepthLuma, info.ChromaFormatIdc));
        Assert.True(info.ProfileTierLevel.LevelIdc > 0);
        Assert.True(HevcSpsInfo.TryParse(main10, out var info10) && info10 is not null);
        Assert.Equal((2, 10, 10), (info10.ProfileTierLevel.ProfileIdc, info10.BitDepthLuma, info10.BitDepthChroma));
    }

    [FfmpegFact]
    public void Keyframes_are_found_in_the_first_access_unit_of_each_stream()
    {
        Assert.True(AnnexB.ContainsKeyframe(VideoCodec.H264, H264Profile("main").RawStream));
        Assert.True(AnnexB.ContainsKeyframe(VideoCodec.Hevc, HevcMain().RawStream));
        Assert.False(AnnexB.ContainsKeyframe(VideoCodec.H264, H264Profile("main").HeaderNals()));
    }

    private static byte[] FirstNal(byte[] annexB, int type, bool hevc)
    {
        foreach (var nal in NalUnitReader.ForAnnexB(annexB))
        {
            if ((hevc ? HevcNalUnitType.Of(nal) : H264NalUnitType.Of(nal)) == type)
            {
                return nal.ToArray();
            }
        }

        throw new InvalidDataException($"No NAL of type {type}.");
    }
}
