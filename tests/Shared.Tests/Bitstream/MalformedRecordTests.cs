using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Shared.Tests.Bitstream;

public class MalformedRecordTests
{
    // x264 baseline 320x240 parameter sets (SPS, PPS) and the avcC FFmpeg 5.1 writes for them.
    private const string BaselineAnnexB = "00000001" + "6742C00DD90141FB011000000300100000030320F142A480" + "00000001" + "68CB83CB20";
    private const string BaselineAvcc = "0142C00DFFE1" + "0018" + "6742C00DD90141FB011000000300100000030320F142A480" + "01" + "0005" + "68CB83CB20";

    [Fact]
    public void Baseline_avcc_matches_the_ffmpeg_golden_bytes_and_converts_back()
    {
        var annexB = Convert.FromHexString(BaselineAnnexB);

        Assert.Equal(BaselineAvcc, Convert.ToHexString(DecoderConfigurationRecord.BuildFromAnnexB(VideoCodec.H264, annexB)));
        Assert.Equal(annexB, DecoderConfigurationRecord.ToAnnexB(VideoCodec.H264, Convert.FromHexString(BaselineAvcc)));
    }

    [Fact]
    public void A_box_header_is_stripped_and_annex_b_input_is_copied()
    {
        var avcc = Convert.FromHexString(BaselineAvcc);
        var box = new byte[avcc.Length + 8];
        box[3] = (byte)box.Length;
        "avcC"u8.CopyTo(box.AsSpan(4));
        avcc.CopyTo(box, 8);
        var annexB = Convert.FromHexString(BaselineAnnexB);

        Assert.Equal(annexB, DecoderConfigurationRecord.ToAnnexB(VideoCodec.H264, box));
        Assert.Equal(annexB, DecoderConfigurationRecord.ToAnnexB(VideoCodec.H264, annexB));
        Assert.Equal(4, DecoderConfigurationRecord.NalLengthSize(VideoCodec.H264, box));
        Assert.Equal(new ParameterSetGeometry(320, 240, 8, 1), DecoderConfigurationRecord.ReadGeometry(VideoCodec.H264, box));
    }

    [Fact]
    public void Avcc_truncated_at_every_offset_throws_bitstream_exception()
    {
        var avcc = Convert.FromHexString(BaselineAvcc);
        for (var length = 1; length < avcc.Length; length++)
        {
            var truncated = avcc[..length];
            Assert.Throws<BitstreamException>(() => DecoderConfigurationRecord.ToAnnexB(VideoCodec.H264, truncated));
        }
    }

    [Fact]
    public void Hvcc_truncated_at_every_offset_throws_bitstream_exception()
    {
        var hvcc = HevcRecord();
        for (var length = 1; length < hvcc.Length; length++)
        {
            var truncated = hvcc[..length];
            Assert.Throws<BitstreamException>(() => DecoderConfigurationRecord.ToAnnexB(VideoCodec.Hevc, truncated));
            if (length <= HevcLengthSizeOffset)
            {
                Assert.Throws<BitstreamException>(() => DecoderConfigurationRecord.NalLengthSize(VideoCodec.Hevc, truncated));
            }
        }
    }

    [Fact]
    public void Missing_parameter_sets_throw_bitstream_exception_with_a_reason()
    {
        var spsOnly = Convert.FromHexString(BaselineAnnexB)[..28];

        var noPps = Assert.Throws<BitstreamException>(() => DecoderConfigurationRecord.BuildFromAnnexB(VideoCodec.H264, spsOnly));
        Assert.Contains("PPS", noPps.Message, StringComparison.Ordinal);
        Assert.Throws<BitstreamException>(() => DecoderConfigurationRecord.BuildFromAnnexB(VideoCodec.H264, [0, 0, 0, 1, 0x65, 0x88]));
        Assert.Throws<BitstreamException>(() => DecoderConfigurationRecord.BuildFromAnnexB(VideoCodec.Hevc, Convert.FromHexString(BaselineAnnexB)));
        Assert.Throws<BitstreamException>(() => DecoderConfigurationRecord.BuildFromAnnexB(VideoCodec.Hevc, [0x42, 0x01]));
    }

    [Fact]
    public void Random_parameter_sets_and_records_throw_nothing_but_bitstream_exception()
    {
        var random = new Random(7);
        var seeds = new[] { Convert.FromHexString(BaselineAnnexB), HevcRecord(), DecoderConfigurationRecord.ToAnnexB(VideoCodec.Hevc, HevcRecord()) };
        for (var iteration = 0; iteration < 3000; iteration++)
        {
            var data = (byte[])seeds[iteration % seeds.Length].Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                data[random.Next(data.Length)] = (byte)random.Next(256);
            }

            foreach (var codec in new[] { VideoCodec.H264, VideoCodec.Hevc })
            {
                Swallow(() => DecoderConfigurationRecord.BuildFromAnnexB(codec, data));
                Swallow(() => DecoderConfigurationRecord.ToAnnexB(codec, data));
                Swallow(() => DecoderConfigurationRecord.ReadGeometry(codec, data));
                Swallow(() => DecoderConfigurationRecord.NalLengthSize(codec, data));
            }
        }
    }

    private const int HevcLengthSizeOffset = 21;

    // x265 main 320x240 VPS/SPS/PPS as FFmpeg 5.1 stores them in hvcC.
    private static byte[] HevcRecord() => DecoderConfigurationRecord.BuildFromAnnexB(VideoCodec.Hevc, Convert.FromHexString(
        "00000001" + "40010C01FFFF016000000300900000030000030" + "03C959809" +
        "00000001" + "420101016000000300900000030000030" + "03CA00A080F165959A4932BC05A0200000300020000030032" + "10" +
        "00000001" + "4401C172B46240"));

    private static void Swallow(Action action)
    {
        try
        {
            action();
        }
        catch (BitstreamException)
        {
            // The only exception damaged input may raise.
        }
    }
}
