using System.Collections.Immutable;
using Vtr.Node.Codecs;
using Vtr.Node.Sessions;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Node.MacEncoder.Tests.Sessions;

/// <summary>CONFIGURE → codec spec or refusal, without sockets or codecs (a capability-only backend stands in).</summary>
public sealed class SessionConfigurationTests
{
    private static readonly SessionPolicy Policy = new();

    [Fact]
    public void Plain_ffmpeg_encode_configure_opens_an_encoder_with_the_clamped_time_base()
    {
        var result = Plan(Configure(("mode", "encode"), ("gop", "12")) with { TimeBase = new Rational(0, 1) });

        Assert.Null(result.Error);
        Assert.Equal(SessionMode.Encode, result.Mode);
        Assert.Equal(new Rational(1, 1), result.Spec!.Encoder!.TimeBase);
        Assert.Equal(12, result.Spec.Encoder.Options.Gop);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("zstd")]
    public void Wire_compression_outside_0_to_2_is_refused_with_code_1(string value)
    {
        var result = Plan(Configure(("mode", "encode"), ("wire_compression", value)));

        Assert.Equal(Vtr1ErrorCode.UnsupportedConfiguration, result.Error!.Code);
    }

    [Fact]
    public void Decode_probe_with_zero_size_and_no_extradata_is_accepted()
    {
        var result = Plan(Configure(("mode", "decode")) with { Width = 0, Height = 0 }, VideoCodec.Hevc);

        Assert.Null(result.Error);
        Assert.Equal(SessionMode.Decode, result.Mode);
        Assert.True(result.Spec!.Decoder!.OutputInDecodeOrder, "the lock-step decode client needs a picture per packet");
    }

    [Fact]
    public void Encode_without_a_size_is_refused()
    {
        Assert.NotNull(Plan(Configure(("mode", "encode")) with { Width = 0 }).Error);
    }

    [Fact]
    public void A_picture_larger_than_the_policy_allows_is_refused_before_any_codec_opens()
    {
        var result = Plan(Configure(("mode", "encode")) with { Width = 100_000 });

        Assert.Contains("exceeds", result.Error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Transcode_keeps_the_requested_pts_range_and_opens_both_codecs()
    {
        var result = Plan(Configure(("mode", "transcode"), ("source_codec", "hevc"), ("keep_from_pts", "-3"), ("keep_to_pts", "40")));

        Assert.Null(result.Error);
        Assert.Equal(VideoCodec.Hevc, result.Spec!.Decoder!.Codec);
        Assert.Equal(VideoCodec.H264, result.Spec.Encoder!.Codec);
        Assert.Equal(new PtsRange(-3, 40), result.Spec.Keep);
        Assert.False(result.Spec.Decoder.OutputInDecodeOrder, "the encoder needs pictures in presentation order");
    }

    [Theory]
    [InlineData("-13", -13, -4)]
    [InlineData("-3", 0, -1)] // not before the kept range: no pre-roll
    [InlineData("7", 0, -1)]
    [InlineData("soon", 0, -1)]
    public void Transcode_pre_roll_is_the_range_from_the_asked_pts_up_to_the_kept_frames(string from, long expectedFrom, long expectedTo)
    {
        var configure = Configure(("mode", "transcode"), ("source_codec", "h264"), ("keep_from_pts", "-3"), ("keep_to_pts", "40"),
            ("preroll_from_pts", from));

        var spec = Plan(configure).Spec!;

        Assert.Equal(new PtsRange(expectedFrom, expectedTo), spec.PreRoll);
        Assert.Empty(SessionConfiguration.Warnings(EncoderOptionsParser.Parse(configure.Options), []));
    }

    [Fact]
    public void A_backend_whose_rate_control_the_pre_roll_was_not_measured_on_ignores_it()
    {
        var configure = Configure(("mode", "transcode"), ("source_codec", "h264"), ("keep_from_pts", "30"), ("preroll_from_pts", "10"));
        var plain = new CapabilityBackend([VideoCodec.H264], [VideoCodec.H264]) { PreRoll = false };

        var spec = SessionConfiguration.Plan(configure, EncoderOptionsParser.Parse(configure.Options), VideoCodec.H264, plain, Policy).Spec!;

        Assert.True(spec.PreRoll.IsEmpty);
        Assert.Equal(new PtsRange(10, 29), Plan(configure).Spec!.PreRoll);
    }

    [Fact]
    public void Transcode_without_a_pre_roll_encodes_only_the_kept_frames()
    {
        var spec = Plan(Configure(("mode", "transcode"), ("source_codec", "h264"), ("keep_from_pts", "0"))).Spec!;

        Assert.True(spec.PreRoll.IsEmpty);
        Assert.False(spec.PreRoll.Contains(-1));
    }

    [Fact]
    public void Transcode_checks_its_output_only_as_the_client_asks_and_the_key_is_no_unknown_option()
    {
        var asked = Configure(("mode", "transcode"), ("source_codec", "h264"), ("measure", "quality"));
        var decodeOnly = Configure(("mode", "transcode"), ("source_codec", "h264"), ("measure", "decode"));

        Assert.Equal(OutputCheck.Quality, Plan(asked).Spec!.Check);
        Assert.Equal(OutputCheck.Decode, Plan(decodeOnly).Spec!.Check);
        Assert.Equal(OutputCheck.None, Plan(Configure(("mode", "transcode"), ("source_codec", "h264"))).Spec!.Check);
        Assert.Equal(OutputCheck.None, Plan(Configure(("mode", "transcode"), ("source_codec", "h264"), ("measure", "vmaf"))).Spec!.Check);
        Assert.Empty(SessionConfiguration.Warnings(EncoderOptionsParser.Parse(asked.Options), []));
        Assert.Empty(SessionConfiguration.Warnings(EncoderOptionsParser.Parse(decodeOnly.Options), []));
    }

    [Fact]
    public void Transcode_from_a_codec_the_node_cannot_decode_is_refused()
    {
        var configure = Configure(("mode", "transcode"), ("source_codec", "hevc"));
        var result = SessionConfiguration.Plan(configure, EncoderOptionsParser.Parse(configure.Options), VideoCodec.H264,
            new CapabilityBackend([VideoCodec.H264], [VideoCodec.H264]), Policy);

        Assert.Contains("cannot decode hevc", result.Error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prores_source_is_refused_by_an_h264_hevc_decoder_and_planned_where_prores_is_announced()
    {
        var configure = Configure(("mode", "transcode"), ("source_codec", "prores"));
        var options = EncoderOptionsParser.Parse(configure.Options);

        var refused = SessionConfiguration.Plan(configure, options, VideoCodec.Hevc, new CapabilityBackend([VideoCodec.Hevc], [VideoCodec.Hevc]), Policy);
        var planned = SessionConfiguration.Plan(configure, options, VideoCodec.Hevc,
            new CapabilityBackend([VideoCodec.Hevc], [VideoCodec.Hevc]) { Sources = ["hevc", "prores"] }, Policy);

        Assert.Equal(Vtr1ErrorCode.UnsupportedConfiguration, refused.Error!.Code);
        Assert.Contains("cannot decode prores", refused.Error.Reason, StringComparison.Ordinal);
        Assert.Null(planned.Error);
        Assert.Equal(new SourceCodec("prores"), planned.Spec!.Decoder!.Codec);
        Assert.False(planned.Spec.Decoder.Codec.IsAnnexB);
    }

    [Fact]
    public void Unknown_options_become_warnings_and_extension_keys_do_not()
    {
        var configure = Configure(("mode", "transcode"), ("source_codec", "h264"), ("frobnicate", "1"));

        var warnings = SessionConfiguration.Warnings(EncoderOptionsParser.Parse(configure.Options), ["sw-preset=veryfast (libx264)"]);

        Assert.Equal(["sw-preset=veryfast (libx264)", "unknown option frobnicate=1 ignored"], warnings.ToArray());
    }

    private static SessionConfiguration.Result Plan(ConfigureMessage configure, VideoCodec codec = VideoCodec.H264) =>
        SessionConfiguration.Plan(configure, EncoderOptionsParser.Parse(configure.Options), codec, new CapabilityBackend([VideoCodec.H264, VideoCodec.Hevc], [VideoCodec.H264, VideoCodec.Hevc]), Policy);

    private static ConfigureMessage Configure(params (string Key, string Value)[] options) =>
        new(64, 64, WirePixelFormat.Nv12, new Rational(1, 25), new Rational(25, 1),
            options.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)).ToImmutableArray(), ReadOnlyMemory<byte>.Empty);

    /// <summary>Only answers what it could encode/decode; planning never opens a codec.</summary>
    private sealed class CapabilityBackend(IReadOnlyList<VideoCodec> encode, IReadOnlyList<VideoCodec> decode) : ICodecBackend
    {
        public string Name => "capabilities-only";

        public bool IsHardware => false;

        public IReadOnlyList<VideoCodec> EncodeCodecs => encode;

        public IReadOnlyList<VideoCodec> DecodeCodecs => decode;

        /// <summary>Source codecs beyond <see cref="DecodeCodecs"/>; null keeps the interface's default (the decode codecs).</summary>
        public IReadOnlyList<string>? Sources { get; init; }

        IReadOnlyList<string> ICodecBackend.SourceDecodeCodecs => Sources ?? [.. decode.Select(c => c.ToWireName())];

        /// <summary>Whether the stand-in takes a pre-roll, as the libavcodec backend does and VideoToolbox does not.</summary>
        public bool PreRoll { get; init; } = true;

        bool ICodecBackend.EncodesPreRoll => PreRoll;

        public IVideoEncoder CreateEncoder(EncoderSettings settings) => throw new NotSupportedException("planning never opens codecs");

        public IVideoDecoder CreateDecoder(DecoderSettings settings) => throw new NotSupportedException("planning never opens codecs");
    }
}
