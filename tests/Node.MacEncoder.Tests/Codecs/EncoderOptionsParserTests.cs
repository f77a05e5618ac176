using Vtr.Node.Codecs;

namespace Vtr.Node.MacEncoder.Tests.Codecs;

public sealed class EncoderOptionsParserTests
{
    private static EncoderOptions Parse(params (string Key, string Value)[] options) =>
        EncoderOptionsParser.Parse(options.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)));

    [Fact]
    public void Absent_options_keep_the_original_server_defaults()
    {
        var o = Parse();
        var defaults = new EncoderOptions();
        Assert.Equal(defaults, o with { Unknown = defaults.Unknown, Malformed = defaults.Malformed });
        Assert.Equal((-1, -1, -99, -1, -1, 2, 2, 2, "encode"), (o.QMin, o.QMax, o.Profile, o.Realtime, o.PrioritizeSpeed, o.ColorSpace, o.ColorPrimaries, o.ColorTransfer, o.Mode));
        Assert.Empty(o.Unknown);
        Assert.Empty(o.Malformed);
    }

    [Fact]
    public void Every_key_of_the_wire_table_is_parsed()
    {
        var o = Parse(("mode", "encode"), ("wire_compression", "2"), ("bitrate", "5000000000"), ("maxrate", "8000000"),
            ("gop", "12"), ("max_b_frames", "2"), ("flags", "-2143289088"), ("global_quality", "70"), ("qmin", "10"),
            ("qmax", "40"), ("profile", "100"), ("level", "41"), ("entropy", "2"), ("allow_sw", "1"), ("require_sw", "1"),
            ("realtime", "1"), ("frames_before", "1"), ("frames_after", "1"), ("prio_speed", "0"), ("power_efficient", "1"),
            ("spatial_aq", "0"), ("max_ref_frames", "3"), ("max_slice_bytes", "1200"), ("constant_bit_rate", "1"),
            ("alpha_quality", "0.750000"), ("color_range", "1"), ("colorspace", "1"), ("color_primaries", "9"),
            ("color_trc", "16"), ("sar_num", "4"), ("sar_den", "3"), ("a53_cc", "1"));
        Assert.Equal(5_000_000_000, o.Bitrate);
        Assert.Equal(8_000_000, o.MaxRate);
        Assert.Equal((12, 2, 70, 10, 40, 100, 41, 2), (o.Gop, o.MaxBFrames, o.GlobalQuality, o.QMin, o.QMax, o.Profile, o.Level, o.Entropy));
        Assert.Equal(unchecked((int)0x80400100), o.Flags);
        Assert.True(o.AllowSoftware && o.RequireSoftware && o.FramesBefore && o.FramesAfter && o.ConstantBitRate);
        Assert.Equal((1, 0, 1, 0, 3, 1200), (o.Realtime, o.PrioritizeSpeed, o.PowerEfficient, o.SpatialAq, o.MaxRefFrames, o.MaxSliceBytes));
        Assert.Equal(0.75, o.AlphaQuality);
        Assert.Equal((1, 1, 9, 16, 4, 3, 1), (o.ColorRange, o.ColorSpace, o.ColorPrimaries, o.ColorTransfer, o.SarNum, o.SarDen, o.A53Cc));
        Assert.Empty(o.Unknown);
        Assert.Empty(o.Malformed);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData("yes")]
    public void A_bool_is_true_for_anything_but_zero(string value) => Assert.True(Parse(("constant_bit_rate", value)).ConstantBitRate);

    [Fact]
    public void Zero_is_false() => Assert.False(Parse(("allow_sw", "0")).AllowSoftware);

    [Theory]
    [InlineData("gop", "12x")]
    [InlineData("gop", " 12")]
    [InlineData("gop", "1.5")]
    [InlineData("gop", "")]
    [InlineData("gop", "99999999999")]
    [InlineData("qmin", "abc")]
    [InlineData("alpha_quality", "nan")]
    [InlineData("crf", "high")]
    [InlineData("crf", "-3")]
    [InlineData("rate_tolerance", "0")]
    public void Malformed_values_fall_back_to_the_default_and_are_recorded(string key, string value)
    {
        var o = Parse((key, value));
        Assert.Equal(new EncoderOptions().Gop, o.Gop);
        Assert.Equal(-1, o.QMin);
        Assert.Equal(0, o.AlphaQuality);
        Assert.Equal(-1, o.Crf);
        Assert.Equal(-1, o.RateTolerance);
        Assert.False(o.QualityMode);
        Assert.Equal([key], o.Malformed);
    }

    [Fact]
    public void Crf_is_our_quality_mode_key_and_takes_decimals()
    {
        var o = Parse(("crf", "18.5"));
        Assert.Equal(18.5, o.Crf);
        Assert.True(o.QualityMode);
        Assert.Empty(o.Unknown);
    }

    [Fact]
    public void Rate_tolerance_is_our_abr_key_and_takes_decimals()
    {
        var o = Parse(("rate_tolerance", "0.1"));
        Assert.Equal(0.1, o.RateTolerance);
        Assert.False(o.QualityMode);
        Assert.Empty(o.Unknown);
    }

    [Fact]
    public void Signed_values_and_leading_plus_parse_like_swift_int()
    {
        Assert.Equal(-99, Parse(("profile", "-99")).Profile);
        Assert.Equal(7, Parse(("gop", "+7")).Gop);
    }

    [Fact]
    public void Unknown_keys_are_kept_with_their_values_and_wire_compression_is_not_unknown()
    {
        var o = Parse(("vt_magic", "42"), ("wire_compression", "1"), ("Bitrate", "5"));
        Assert.Equal([new("vt_magic", "42"), new("Bitrate", "5")], o.Unknown);
        Assert.Equal(0, o.Bitrate);
    }

    [Theory]
    [InlineData("decode", "decode")]
    [InlineData("transcode", "transcode")]
    [InlineData("encode", "encode")]
    [InlineData("whatever", "encode")]
    public void Unknown_mode_text_means_encode(string value, string mode) => Assert.Equal(mode, Parse(("mode", value)).Mode);

    [Fact]
    public void The_last_duplicate_wins() => Assert.Equal(30, Parse(("gop", "12"), ("gop", "30")).Gop);
}
