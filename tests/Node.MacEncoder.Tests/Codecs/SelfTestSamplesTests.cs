using Vtr.Node.Codecs;
using Vtr.Node.Codecs.Diagnostics;
using Vtr.Node.Codecs.SelfTest;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs;

public class SelfTestSamplesTests
{
    [Fact]
    public void Eight_bit_samples_widen_to_P010_high_bits_and_narrow_back_unchanged()
    {
        byte[] eightBit = [0, 16, 128, 235, 255];
        var p010 = new byte[eightBit.Length * 2];

        P010Samples.Widen(eightBit, p010);
        var back = new byte[eightBit.Length];
        P010Samples.Narrow(p010, back);

        Assert.Equal(new byte[] { 0, 0, 0, 16, 0, 128, 0, 235, 0, 255 }, p010); // little-endian u16, value in the top 10 bits
        Assert.Equal(eightBit, back);
    }

    [Fact]
    public void Narrow_rounds_ten_bit_detail_to_the_nearest_eight_bit_value()
    {
        byte[] p010 = [0xC0, 0x40, 0x00, 0xFF]; // 0x40C0 (just above 64.75 in 8-bit terms) and 0xFF00
        var eightBit = new byte[2];

        P010Samples.Narrow(p010, eightBit);

        Assert.Equal(new byte[] { 65, 255 }, eightBit);
    }

    [Theory]
    [InlineData(30, 30, 42.0, null, FindingLevel.Ok)]
    [InlineData(30, 30, 21.0, null, FindingLevel.Warn)]
    [InlineData(30, 29, 42.0, null, FindingLevel.Fail)]
    [InlineData(30, 0, 0.0, "VideoToolbox encode failed", FindingLevel.Fail)]
    public void A_round_trip_is_ok_only_with_every_frame_back_and_a_plausible_PSNR(int framesIn, int decoded, double psnr, string? error, FindingLevel expected)
    {
        var result = new CodecSelfTestResult("videotoolbox", VideoCodec.Hevc, framesIn, framesIn, 1000, 60, decoded, 200, psnr, error);

        var finding = BackendCheck.RoundTrip("videotoolbox HEVC 10-bit round trip", result, new SelfTestOptions(1280, 720, framesIn));

        Assert.Equal(expected, finding.Level);
        Assert.StartsWith($"{Finding.Tag(expected),-4} videotoolbox HEVC 10-bit round trip: {framesIn} frames 1280x720 in", finding.ToString(), StringComparison.Ordinal);
        if (error is not null)
        {
            Assert.EndsWith(error, finding.Detail, StringComparison.Ordinal);
        }
    }
}
