using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Shared.Tests.Media;

public sealed class HdrMetadataTests
{
    /// <summary>P3-D65 1000-nit mastering display as x265's documentation writes it.</summary>
    private const string P3D65 = "G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1)";

    private static readonly MasteringDisplay Display = new(13250, 34500, 7500, 3000, 34000, 16000, 15635, 16450, 10_000_000, 1);

    [Fact]
    public void Mastering_display_reads_and_writes_x265_syntax()
    {
        Assert.True(MasteringDisplay.TryParse(P3D65, out var parsed));
        Assert.Equal(Display, parsed);
        Assert.Equal(P3D65, Display.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)")]
    [InlineData("G(70000,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1)")] // chromaticity past u16
    [InlineData("G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,-1)")]
    [InlineData("G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1):max-cll=1,2")]
    public void Mastering_display_refuses_anything_else(string text) => Assert.False(MasteringDisplay.TryParse(text, out _));

    [Fact]
    public void Mastering_display_payload_is_the_24_big_endian_bytes_of_the_sei_in_green_blue_red_order()
    {
        byte[] expected =
        [
            0x33, 0xC2, 0x86, 0xC4, // G 13250, 34500
            0x1D, 0x4C, 0x0B, 0xB8, // B 7500, 3000
            0x84, 0xD0, 0x3E, 0x80, // R 34000, 16000
            0x3D, 0x13, 0x40, 0x42, // WP 15635, 16450
            0x00, 0x98, 0x96, 0x80, // max 10,000,000 (1000 cd/m²)
            0x00, 0x00, 0x00, 0x01, // min 1 (0.0001 cd/m²)
        ];

        Assert.Equal(expected, Display.ToPayload());
        Assert.Equal(Display, MasteringDisplay.FromPayload(expected));
        Assert.Null(MasteringDisplay.FromPayload(expected.AsSpan(0, 23)));
    }

    [Fact]
    public void Content_light_level_payload_is_max_cll_then_max_fall_big_endian()
    {
        var light = new ContentLightLevel(1000, 400);

        Assert.Equal(new byte[] { 0x03, 0xE8, 0x01, 0x90 }, light.ToPayload());
        Assert.Equal(light, ContentLightLevel.FromPayload(light.ToPayload()));
        Assert.True(ContentLightLevel.TryParse("1000,400", out var parsed));
        Assert.Equal(light, parsed);
        Assert.Equal("1000,400", light.ToString());
        Assert.False(ContentLightLevel.TryParse("1000", out _));
        Assert.False(ContentLightLevel.TryParse("70000,400", out _));
    }

    [Fact]
    public void Configure_options_name_only_what_is_known()
    {
        Assert.Empty(HdrMetadata.None.ConfigureOptions());
        Assert.Equal(
            [new("master_display", P3D65), new("max_cll", "1000,400")],
            new HdrMetadata(Display, new ContentLightLevel(1000, 400)).ConfigureOptions());
        Assert.Equal([new("max_cll", "0,0")], new HdrMetadata(null, new ContentLightLevel(0, 0)).ConfigureOptions());
    }

    [Fact]
    public void Hevc_prefix_sei_with_both_messages_and_an_emulation_prevention_byte_is_read()
    {
        // min luminance 0 puts 00 00 00 00 in the payload, which the NAL carries as 00 00 03 00 00.
        var display = Display with { MinLuminance = 0 };
        var sei = new List<byte> { 39 << 1, 1 }; // prefix SEI NAL header
        sei.AddRange([137, 24, .. display.ToPayload(), 144, 4, .. new ContentLightLevel(1000, 400).ToPayload(), 0x80]);
        var nal = new byte[Rbsp.MaxEscapedLength(sei.Count)];
        var length = Rbsp.Escape(sei.ToArray(), nal);
        Assert.True(Rbsp.ContainsEmulationPrevention(nal.AsSpan(0, length)));
        byte[] accessUnit = [0, 0, 0, 1, .. nal.AsSpan(0, length), 0, 0, 1, 0x26, 0x01, 0xAF]; // then an IDR slice

        var read = HdrSeiReader.Read(VideoCodec.Hevc, accessUnit);

        Assert.Equal(display, read.Display);
        Assert.Equal(new ContentLightLevel(1000, 400), read.Light);
    }

    [Fact]
    public void H264_sei_in_a_length_prefixed_sample_is_read_and_other_payloads_are_skipped()
    {
        // A 300-byte user_data_unregistered (type 5, size written ff 2d) before the content light level.
        byte[] rbsp = [6, 5, 0xFF, 0x2D, .. Enumerable.Repeat((byte)0x11, 300), 144, 4, 0x03, 0xE8, 0x01, 0x90, 0x80];
        byte[] sample = [0, 0, (byte)(rbsp.Length >> 8), (byte)rbsp.Length, .. rbsp];

        var read = HdrSeiReader.Read(VideoCodec.H264, sample, lengthSize: 4);

        Assert.Null(read.Display);
        Assert.Equal(new ContentLightLevel(1000, 400), read.Light);
    }

    [Fact]
    public void A_sei_whose_size_runs_past_its_nal_yields_nothing()
    {
        byte[] accessUnit = [0, 0, 1, 39 << 1, 1, 137, 24, 1, 2, 3, 0x80];

        Assert.Equal(HdrMetadata.None, HdrSeiReader.Read(VideoCodec.Hevc, accessUnit));
    }
}
