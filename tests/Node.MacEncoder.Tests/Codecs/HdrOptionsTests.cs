using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Node.Codecs.VideoToolbox;
using Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs;

/// <summary>The master_display/max_cll CONFIGURE keys reach libx265's parameters and VideoToolbox's SEI properties.</summary>
public sealed class HdrOptionsTests
{
    private const string P3D65 = "G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1)";

    private static EncoderOptions Parse(params (string Key, string Value)[] options) =>
        EncoderOptionsParser.Parse(options.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)));

    private static LibX26xConfiguration MapX26x(VideoCodec codec, EncoderOptions options) =>
        LibX26xOptionMapper.Map(new EncoderSettings(codec, 1920, 1080, codec == VideoCodec.Hevc ? WirePixelFormat.P010 : WirePixelFormat.Nv12, new Rational(1, 90000), new Rational(25, 1), options),
            new FFmpegBackendOptions(Threads: 2));

    [Fact]
    public void Keys_parse_into_typed_values_and_a_bad_value_is_malformed_not_guessed()
    {
        var o = Parse(("master_display", P3D65), ("max_cll", "1000,400"));
        Assert.Equal(new MasteringDisplay(13250, 34500, 7500, 3000, 34000, 16000, 15635, 16450, 10_000_000, 1), o.MasteringDisplay);
        Assert.Equal(new ContentLightLevel(1000, 400), o.ContentLight);
        Assert.Empty(o.Malformed);

        var bad = Parse(("master_display", "G(1,2)"), ("max_cll", "a,b"));
        Assert.Null(bad.MasteringDisplay);
        Assert.Null(bad.ContentLight);
        Assert.Equal(["master_display", "max_cll"], bad.Malformed);
    }

    [Fact]
    public void Libx265_gets_master_display_and_max_cll_parameters()
    {
        var c = MapX26x(VideoCodec.Hevc, Parse(("master_display", P3D65), ("max_cll", "1000,400"), ("color_trc", "16")));

        Assert.Equal(P3D65, c.Param("master-display"));
        Assert.Equal("1000,400", c.Param("max-cll"));
        Assert.DoesNotContain(c.Warnings, w => w.Contains("HDR10", StringComparison.Ordinal));
    }

    [Fact]
    public void Libx264_says_it_cannot_write_the_hdr10_sei()
    {
        var c = MapX26x(VideoCodec.H264, Parse(("max_cll", "1000,400")));

        Assert.Null(c.Param("max-cll"));
        Assert.Contains(c.Warnings, w => w.Contains("HDR10", StringComparison.Ordinal));
    }

    [Fact]
    public void VideoToolbox_gets_the_big_endian_sei_payloads_as_cfdata_properties()
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { MasteringDisplay = Parse(("master_display", P3D65)).MasteringDisplay, ContentLight = new ContentLightLevel(1000, 400) },
            VideoCodec.Hevc, WirePixelFormat.P010);

        var display = Assert.IsType<VtData>(plan.Find("MasteringDisplayColorVolume")!.Value);
        Assert.Equal(24, display.Bytes.Length);
        Assert.Equal(new byte[] { 0x33, 0xC2, 0x86, 0xC4 }, display.Bytes[..4]); // green first, as in the SEI
        Assert.Equal(new byte[] { 0x00, 0x98, 0x96, 0x80, 0x00, 0x00, 0x00, 0x01 }, display.Bytes[16..]);
        Assert.Equal(new byte[] { 0x03, 0xE8, 0x01, 0x90 }, Assert.IsType<VtData>(plan.Find("ContentLightLevelInfo")!.Value).Bytes);
        Assert.False(plan.Find("MasteringDisplayColorVolume")!.Fatal);
        Assert.Null(PlanFixtures.Plan(PlanFixtures.PlainFfmpeg, VideoCodec.Hevc, WirePixelFormat.P010).Find("MasteringDisplayColorVolume"));
    }
}
