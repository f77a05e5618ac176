using Vtr.Node.Codecs;
using Vtr.Node.Codecs.VideoToolbox;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;

public class CompressionPropertyPlanTests
{
    private static readonly string[] FatalLimits = ["MinAllowedFrameQP", "MaxAllowedFrameQP", "MaxH264SliceBytes"];

    [Fact]
    public void Plain_ffmpeg_command_sets_exactly_the_original_servers_properties_in_order()
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg);

        Assert.Equal(
            ["MaxKeyFrameInterval", "AllowFrameReordering", "RealTime", "MaxFrameDelayCount", "ExpectedFrameRate",
             "PrioritizeEncodingSpeedOverQuality", "MaximizePowerEfficiency", "PixelAspectRatio"],
            plan.Names());
        Assert.Equal(new VtInt32(12), plan.Find("MaxKeyFrameInterval")!.Value);
        Assert.True(plan.Find("MaxKeyFrameInterval")!.Fatal);
        Assert.Equal(new VtBoolean(false), plan.Find("AllowFrameReordering")!.Value);
        Assert.Equal(new VtBoolean(false), plan.Find("RealTime")!.Value);
        Assert.Equal(new VtInt32(8), plan.Find("MaxFrameDelayCount")!.Value);
        Assert.Equal(new VtDouble(30.0), plan.Find("ExpectedFrameRate")!.Value);
        Assert.Equal(new VtBoolean(true), plan.Find("PrioritizeEncodingSpeedOverQuality")!.Value);
        Assert.Equal(new VtBoolean(false), plan.Find("MaximizePowerEfficiency")!.Value);
        Assert.Equal(new VtPixelAspectRatio(1, 1), plan.Find("PixelAspectRatio")!.Value);
        Assert.True(plan.Find("PixelAspectRatio")!.Fatal);
        Assert.Empty(plan.Warnings);
        Assert.Equal(PixelFormatCodes.CodecH264, plan.CodecType);
        Assert.Equal(PixelFormatCodes.Nv12VideoRange, plan.PixelFormat);
    }

    [Fact]
    public void Default_encoder_specification_requires_hardware()
    {
        var spec = Assert.Single(PlanFixtures.Plan(PlanFixtures.PlainFfmpeg).EncoderSpecification);
        Assert.Equal("kVTVideoEncoderSpecification_RequireHardwareAcceleratedVideoEncoder", spec.Key.Name);
        Assert.Equal(new VtBoolean(true), spec.Value);
    }

    [Theory]
    [InlineData(true, false, "EnableHardwareAcceleratedVideoEncoder", true)]
    [InlineData(false, true, "EnableHardwareAcceleratedVideoEncoder", false)]
    [InlineData(true, true, "EnableHardwareAcceleratedVideoEncoder", false)]
    public void Software_options_choose_the_encoder_specification(bool allowSw, bool requireSw, string key, bool value)
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { AllowSoftware = allowSw, RequireSoftware = requireSw });
        var spec = Assert.Single(plan.EncoderSpecification);
        Assert.Equal(key, spec.KeyName);
        Assert.Equal(new VtBoolean(value), spec.Value);
    }

    [Fact]
    public void Bitrate_maps_to_AverageBitRate_or_ConstantBitRate_and_maxrate_to_DataRateLimits()
    {
        var vbr = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Bitrate = 300_000, MaxRate = 800_000 });
        Assert.Equal(new VtInt32(300_000), vbr.Find("AverageBitRate")!.Value);
        Assert.Equal(new VtDataRateLimits(100_000, 1.0), vbr.Find("DataRateLimits")!.Value);
        Assert.True(vbr.Find("DataRateLimits")!.Fatal);

        var cbr = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Bitrate = 300_000, ConstantBitRate = true });
        Assert.Null(cbr.Find("AverageBitRate"));
        Assert.Equal(new VtInt32(300_000), cbr.Find("ConstantBitRate")!.Value);
        Assert.Equal([new PlannedProperty(CompressionPropertyKeys.AverageBitRate, new VtInt32(300_000), Fatal: false)],
            cbr.Find("ConstantBitRate")!.Fallback!);

        var hevc = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { MaxRate = 800_000 }, VideoCodec.Hevc);
        Assert.False(hevc.Find("DataRateLimits")!.Fatal);
    }

    [Fact]
    public void Bitrate_above_int32_is_clamped_with_a_warning()
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Bitrate = 5_000_000_000 });
        Assert.Equal(new VtInt32(int.MaxValue), plan.Find("AverageBitRate")!.Value);
        Assert.Contains(plan.Warnings, w => w.Contains("clamped", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2950, EncoderOptions.FlagQScale, 0.25)] // -q:v 25 → global_quality 25·118, / 11800
    [InlineData(60, 0, 0.6)]
    [InlineData(500, 0, 1.0)]
    public void Quality_mode_sets_Quality_and_skips_bitrate(int globalQuality, int flags, double expected)
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { GlobalQuality = globalQuality, Flags = flags, Bitrate = 1_000_000 });
        var quality = Assert.IsType<VtDouble>(plan.Find("Quality")!.Value);
        Assert.Equal(expected, quality.Value, 6);
        Assert.Null(plan.Find("AverageBitRate"));
    }

    [Theory]
    [InlineData(VideoCodec.H264, 23.0, 0.60)] // x264's default lands on HandBrake's VideoToolbox default
    [InlineData(VideoCodec.H264, 17.0, 0.80)]
    [InlineData(VideoCodec.Hevc, 28.0, 0.60)] // x265's default 28 is x264's 23
    public void Crf_maps_back_to_a_quality_fraction(VideoCodec codec, double crf, double expected)
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Crf = crf }, codec: codec);
        var quality = Assert.IsType<VtDouble>(plan.Find("Quality")!.Value);
        Assert.Equal(expected, quality.Value, 6);
        Assert.Null(plan.Find("AverageBitRate"));
    }

    [Fact]
    public void Quality_mode_fails_on_intel()
    {
        Assert.Throws<CodecException>(() =>
            PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { GlobalQuality = 50 }, appleSilicon: false));
    }

    [Fact]
    public void Low_delay_without_bitrate_fails_and_with_bitrate_enables_low_latency_rate_control()
    {
        Assert.Throws<CodecException>(() => PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Flags = EncoderOptions.FlagLowDelay }));

        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Flags = EncoderOptions.FlagLowDelay, Bitrate = 1_000_000 });
        Assert.Contains(plan.EncoderSpecification, p => p.KeyName == "EnableLowLatencyRateControl" && p.Value == new VtBoolean(true));

        var hevcIntel = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Flags = EncoderOptions.FlagLowDelay, Bitrate = 1_000_000 },
            VideoCodec.Hevc, appleSilicon: false);
        Assert.DoesNotContain(hevcIntel.EncoderSpecification, p => p.KeyName == "EnableLowLatencyRateControl");
        Assert.NotEmpty(hevcIntel.Warnings);
    }

    [Fact]
    public void Closed_gop_flag_disables_open_gop()
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Flags = 256 | EncoderOptions.FlagClosedGop });
        Assert.Equal(new VtBoolean(false), plan.Find("AllowOpenGOP")!.Value);
    }

    [Fact]
    public void B_frames_leave_reordering_at_the_VT_default_except_with_baseline()
    {
        Assert.Null(PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { MaxBFrames = 2 }).Find("AllowFrameReordering"));

        var baseline = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { MaxBFrames = 2, Profile = 66 });
        Assert.Equal(new VtBoolean(false), baseline.Find("AllowFrameReordering")!.Value);
        Assert.Contains("baseline profile cannot use B-frames; disabling", baseline.Warnings);
    }

    [Theory]
    [InlineData(1, "kVTH264EntropyMode_CAVLC")]
    [InlineData(2, "kVTH264EntropyMode_CABAC")]
    public void Entropy_maps_for_H264(int entropy, string symbol)
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Entropy = entropy, Profile = 100 });
        Assert.Equal(new VtConstant(new VtSymbol(symbol, VtFramework.VideoToolbox)), plan.Find("H264EntropyMode")!.Value);
    }

    [Fact]
    public void Cabac_with_baseline_is_dropped_with_a_warning_and_HEVC_ignores_entropy()
    {
        var baseline = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Entropy = 2, Profile = 66 });
        Assert.Null(baseline.Find("H264EntropyMode"));
        Assert.Contains(baseline.Warnings, w => w.StartsWith("CABAC requires main/high profile", StringComparison.Ordinal));
        Assert.Null(PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Entropy = 2 }, VideoCodec.Hevc).Find("H264EntropyMode"));
    }

    [Fact]
    public void Realtime_one_sets_RealTime_and_drops_the_speed_default()
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Realtime = 1 });
        Assert.Equal(new VtBoolean(true), plan.Find("RealTime")!.Value);
        Assert.Null(plan.Find("PrioritizeEncodingSpeedOverQuality"));
        Assert.NotNull(plan.Find("MaxFrameDelayCount"));
        Assert.NotNull(plan.Find("MaximizePowerEfficiency"));
    }

    [Theory]
    [InlineData(-1, -1, true)]
    [InlineData(0, -1, false)]
    [InlineData(1, 1, true)]
    [InlineData(-1, 1, false)]
    public void Prio_speed_follows_the_original_rule(int prioSpeed, int realtime, bool expectSet)
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { PrioritizeSpeed = prioSpeed, Realtime = realtime });
        Assert.Equal(expectSet, plan.Find("PrioritizeEncodingSpeedOverQuality") is not null);
    }

    [Fact]
    public void Optional_knobs_map_to_their_properties()
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with
        {
            QMin = 10,
            QMax = 40,
            MaxRefFrames = 3,
            MaxSliceBytes = 1200,
            PowerEfficient = 1,
            SpatialAq = 1,
            FramesBefore = true,
            FramesAfter = true,
        });
        Assert.Equal(new VtInt32(10), plan.Find("MinAllowedFrameQP")!.Value);
        Assert.Equal(new VtInt32(40), plan.Find("MaxAllowedFrameQP")!.Value);
        Assert.Equal(new VtInt32(3), plan.Find("ReferenceBufferCount")!.Value);
        Assert.Equal(new VtInt32(1200), plan.Find("MaxH264SliceBytes")!.Value);
        Assert.Equal(new VtBoolean(true), plan.Find("MaximizePowerEfficiency")!.Value);
        Assert.Equal(new VtInt32(-1), plan.Find("SpatialAdaptiveQPLevel")!.Value);
        Assert.Equal(new VtBoolean(true), plan.Find("MoreFramesBeforeStart")!.Value);
        Assert.Equal(new VtBoolean(true), plan.Find("MoreFramesAfterEnd")!.Value);
        Assert.All(FatalLimits, name => Assert.True(plan.Find(name)!.Fatal));
        Assert.False(plan.Find("ReferenceBufferCount")!.Fatal); // dotnet/macios binds it read-only: a refusal is a warning
        Assert.Equal(new VtInt32(0), PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { SpatialAq = 0 }).Find("SpatialAdaptiveQPLevel")!.Value);
    }

    [Fact]
    public void HEVC_defaults_ignore_slice_bytes_and_a53_and_use_alpha_quality()
    {
        var hevcDefaults = PlanFixtures.PlainFfmpeg with { MaxSliceBytes = 0, A53Cc = 0, AlphaQuality = 0.5 };
        var plan = PlanFixtures.Plan(hevcDefaults, VideoCodec.Hevc, WirePixelFormat.P010);
        Assert.Null(plan.Find("MaxH264SliceBytes"));
        Assert.Equal(new VtDouble(0.5), plan.Find("TargetQualityForAlpha")!.Value);
        Assert.Equal("kVTProfileLevel_HEVC_Main10_AutoLevel", ((VtConstant)plan.Find("ProfileLevel")!.Value).Symbol.Name);
        Assert.Equal(PixelFormatCodes.P010VideoRange, plan.PixelFormat);
        Assert.Equal(PixelFormatCodes.CodecHevc, plan.CodecType);
        Assert.Null(PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { AlphaQuality = 0.5 }).Find("TargetQualityForAlpha"));
    }

    [Fact]
    public void Colour_options_become_properties_and_the_matrix_goes_on_pixel_buffers()
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { ColorPrimaries = 1, ColorTransfer = 4, ColorSpace = 1, ColorRange = 1 });
        Assert.Equal("kCVImageBufferColorPrimaries_ITU_R_709_2", ((VtConstant)plan.Find("ColorPrimaries")!.Value).Symbol.Name);
        Assert.Equal("kCVImageBufferTransferFunction_UseGamma", ((VtConstant)plan.Find("TransferFunction")!.Value).Symbol.Name);
        Assert.Equal(new VtDouble(2.2), plan.Find("GammaLevel")!.Value);
        Assert.Equal("kCVImageBufferYCbCrMatrix_ITU_R_709_2", plan.PixelBufferYCbCrMatrix!.Value.Name);
        Assert.NotNull(plan.Find("YCbCrMatrix"));
    }

    [Fact]
    public void Invalid_settings_are_rejected_like_the_original_server()
    {
        Assert.Throws<CodecException>(() => PlanFixtures.Plan(PlanFixtures.PlainFfmpeg, VideoCodec.H264, WirePixelFormat.P010));
        Assert.Throws<CodecException>(() => PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Profile = 110 }));
        Assert.Throws<CodecException>(() => PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Profile = 88, Level = 41 }));
    }

    [Fact]
    public void Frame_rate_is_only_expected_when_both_parts_are_positive()
    {
        var settings = PlanFixtures.Settings(PlanFixtures.PlainFfmpeg) with { FrameRate = new Rational(0, 1) };
        Assert.Null(CompressionPropertyPlan.Create(settings, true).Find("ExpectedFrameRate"));
    }

    [Fact]
    public void Constant_bit_rate_with_a_maxrate_never_sets_DataRateLimits_beside_it_and_keeps_it_for_the_fallback()
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Bitrate = 4_000_000, MaxRate = 6_000_000, ConstantBitRate = true });

        Assert.Null(plan.Find("DataRateLimits"));
        Assert.Null(plan.Find("AverageBitRate"));
        var cbr = plan.Find("ConstantBitRate")!;
        Assert.Equal(new VtInt32(4_000_000), cbr.Value);
        Assert.Equal(["AverageBitRate", "DataRateLimits"], cbr.Fallback!.Select(p => p.KeyName));
        Assert.Equal(new VtDataRateLimits(750_000, 1.0), cbr.Fallback![1].Value);
        Assert.Contains(plan.Warnings, w => w.StartsWith("maxrate not set with constant_bit_rate", StringComparison.Ordinal));
    }

    [Fact]
    public void Maxrate_without_constant_bit_rate_still_sets_DataRateLimits_after_the_average()
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Bitrate = 4_000_000, MaxRate = 6_000_000 });

        var names = plan.Names();
        Assert.True(Array.IndexOf(names, "AverageBitRate") < Array.IndexOf(names, "DataRateLimits"));
        Assert.Null(plan.Find("ConstantBitRate"));
        Assert.Empty(plan.Warnings);
    }
}
