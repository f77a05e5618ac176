using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs.FFmpeg;

public sealed class LibX26xOptionMapperTests
{
    private static LibX26xConfiguration Map(VideoCodec codec, EncoderOptions options, WirePixelFormat pixel = WirePixelFormat.Nv12,
        FFmpegBackendOptions? backend = null) =>
        LibX26xOptionMapper.Map(new EncoderSettings(codec, 1920, 1080, pixel, new Rational(1, 90000), new Rational(30000, 1001), options),
            backend ?? new FFmpegBackendOptions(Threads: 4));

    [Fact]
    public void Default_ffmpeg_cli_options_map_to_veryfast_closed_delay_budget()
    {
        var c = Map(VideoCodec.H264, new EncoderOptions { Gop = 12, Flags = 4194560, Realtime = 0 });
        Assert.Equal("libx264", c.EncoderName);
        Assert.Equal(["sw-preset=veryfast (libx264)"], c.Warnings);
        Assert.Equal("12", c.Option("g"));
        Assert.Equal("0", c.Option("bf"));
        Assert.Equal("1/90000", c.Option("time_base"));
        Assert.Equal("1920x1080", c.Option("video_size"));
        Assert.Equal("nv12", c.Option("pixel_format"));
        Assert.Equal("1", c.Option("forced-idr"));
        Assert.Equal("30000/1001", c.Param("fps"));
        Assert.Equal("0", c.Param("sync-lookahead"));
        Assert.True(Math.Max(c.BFrames, c.Lookahead) + c.Threads + 1 <= LibX26xOptionMapper.MaxDelayFrames);
    }

    [Theory]
    [InlineData(1, -1, "superfast")]
    [InlineData(-1, 1, "superfast")]
    [InlineData(0, -1, "faster")]
    [InlineData(-1, -1, "veryfast")]
    public void Prio_speed_and_realtime_move_the_preset_one_step(int prioSpeed, int realtime, string preset) =>
        Assert.Equal(preset, Map(VideoCodec.H264, new EncoderOptions { PrioritizeSpeed = prioSpeed, Realtime = realtime }).Preset);

    [Fact]
    public void Preset_ladder_clamps_at_both_ends()
    {
        Assert.Equal("ultrafast", SoftwarePresetLadder.Effective("ultrafast", new EncoderOptions { PrioritizeSpeed = 1 }));
        Assert.Equal("placebo", SoftwarePresetLadder.Effective("placebo", new EncoderOptions { PrioritizeSpeed = 0 }));
        Assert.Throws<CodecException>(() => SoftwarePresetLadder.Effective("warp", new EncoderOptions()));
    }

    [Fact]
    public void A_transcode_session_keeps_the_presets_lookahead_and_an_encode_session_stays_in_the_window()
    {
        var transcode = Map(VideoCodec.H264, new EncoderOptions { Mode = "transcode", MaxBFrames = 2 });
        var encode = Map(VideoCodec.H264, new EncoderOptions { MaxBFrames = 2 });

        Assert.Null(transcode.Option("rc-lookahead"));
        Assert.Equal(LibX26xOptionMapper.PresetLookahead, transcode.Lookahead);
        Assert.Equal("3", encode.Option("rc-lookahead")); // 8 − 1 − 4 threads
        Assert.Equal("0", Map(VideoCodec.H264, new EncoderOptions { Mode = "transcode", Realtime = 1 }).Option("rc-lookahead"));
    }

    [Fact]
    public void Realtime_turns_lookahead_off()
    {
        var c = Map(VideoCodec.H264, new EncoderOptions { Realtime = 1, MaxBFrames = 2 });
        Assert.Equal("0", c.Option("rc-lookahead"));
        Assert.Equal("2", c.Option("bf"));
    }

    [Fact]
    public void Cbr_sets_vbv_to_one_second_and_nal_hrd()
    {
        var c = Map(VideoCodec.H264, new EncoderOptions { Bitrate = 4_000_000, ConstantBitRate = true });
        Assert.Equal(("4000000", "4000000", "4000000", "cbr"), (c.Option("b"), c.Option("maxrate"), c.Option("bufsize"), c.Option("nal-hrd")));
        var h = Map(VideoCodec.Hevc, new EncoderOptions { Bitrate = 4_000_000, ConstantBitRate = true });
        Assert.Equal("1", h.Param("strict-cbr"));
    }

    [Fact]
    public void Maxrate_alone_gives_a_one_second_buffer()
    {
        var c = Map(VideoCodec.H264, new EncoderOptions { MaxRate = 3_000_000 });
        Assert.Equal(("3000000", "3000000"), (c.Option("maxrate"), c.Option("bufsize")));
        Assert.Null(c.Option("b"));
    }

    [Theory]
    [InlineData(VideoCodec.H264, 3540, EncoderOptions.FlagQScale, "33.0")] // -q:v 30
    [InlineData(VideoCodec.H264, 6490, EncoderOptions.FlagQScale, "24.5")] // -q:v 55
    [InlineData(VideoCodec.H264, 9440, EncoderOptions.FlagQScale | 256, "17.0")] // -q:v 80 from FFmpeg's CLI
    [InlineData(VideoCodec.H264, 60, 0, "23.0")] // no QSCALE: a percentage, as the original server reads it
    [InlineData(VideoCodec.Hevc, 6490, EncoderOptions.FlagQScale, "29.5")]
    [InlineData(VideoCodec.Hevc, 11800, EncoderOptions.FlagQScale, "13.0")]
    public void Quality_mode_maps_global_quality_through_the_calibrated_curve(VideoCodec codec, int globalQuality, int flags, string crf)
    {
        var c = Map(codec, new EncoderOptions { GlobalQuality = globalQuality, Flags = flags, Bitrate = 1 });
        Assert.Equal(crf, c.Option("crf"));
        Assert.Null(c.Option("b"));
        Assert.Contains(c.Warnings, w => w.Contains("bitrate ignored", StringComparison.Ordinal));
        Assert.Contains(c.Warnings, w => w.Contains($"mapped to crf {crf}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(VideoCodec.H264)]
    [InlineData(VideoCodec.Hevc)]
    public void Crf_is_used_as_is_and_wins_over_global_quality(VideoCodec codec)
    {
        var c = Map(codec, new EncoderOptions { Crf = 18.5, GlobalQuality = 6490, Flags = EncoderOptions.FlagQScale });
        Assert.Equal("18.5", c.Option("crf"));
        Assert.Contains(c.Warnings, w => w.StartsWith("global_quality ignored: crf given", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(VideoCodec.H264)]
    [InlineData(VideoCodec.Hevc)]
    public void Rate_tolerance_becomes_ratetol_of_an_abr_encode(VideoCodec codec)
    {
        var c = Map(codec, new EncoderOptions { Bitrate = 1_000_000, RateTolerance = 0.1 });
        Assert.Equal("1000000", c.Option("b"));
        Assert.Equal("0.1", c.Param("ratetol"));
    }

    [Fact]
    public void Rate_tolerance_without_a_bitrate_is_ignored_with_a_warning()
    {
        var c = Map(VideoCodec.H264, new EncoderOptions { Crf = 23, RateTolerance = 0.1 });
        Assert.Null(c.Param("ratetol"));
        Assert.Contains(c.Warnings, w => w.StartsWith("rate_tolerance ignored without a bitrate", StringComparison.Ordinal));
    }

    [Fact]
    public void Crf_above_51_is_clamped_with_a_warning()
    {
        var c = Map(VideoCodec.H264, new EncoderOptions { Crf = 60 });
        Assert.Equal("51.0", c.Option("crf"));
        Assert.Contains(c.Warnings, w => w.StartsWith("crf 60 clamped to 51", StringComparison.Ordinal));
    }

    [Fact]
    public void H264_profile_level_entropy_refs_qp_aq_and_slices()
    {
        var c = Map(VideoCodec.H264, new EncoderOptions
        {
            Profile = 100,
            Level = 41,
            Entropy = 1,
            MaxRefFrames = 3,
            QMin = 10,
            QMax = 60,
            SpatialAq = 0,
            MaxSliceBytes = 1200,
        });
        Assert.Equal(("high", "4.1", "0", "3"), (c.Option("profile"), c.Option("level"), c.Option("coder"), c.Option("refs")));
        Assert.Equal(("10", "51", "0"), (c.Option("qmin"), c.Option("qmax"), c.Option("aq-mode")));
        Assert.Equal("1200", c.Param("slice-max-size"));
    }

    [Fact]
    public void Baseline_drops_b_frames_and_cabac_with_warnings()
    {
        var c = Map(VideoCodec.H264, new EncoderOptions { Profile = 66, MaxBFrames = 2, Entropy = 2 });
        Assert.Equal(("baseline", "0"), (c.Option("profile"), c.Option("bf")));
        Assert.Null(c.Option("coder"));
        Assert.Equal(3, c.Warnings.Count);
    }

    [Fact]
    public void B_frames_are_clamped_to_bound_the_delay()
    {
        var c = Map(VideoCodec.H264, new EncoderOptions { MaxBFrames = 16 });
        Assert.Equal("3", c.Option("bf"));
        Assert.Contains(c.Warnings, w => w.Contains("clamped", StringComparison.Ordinal));
    }

    [Fact]
    public void Hevc_maps_through_x265_params_and_p010_selects_main10()
    {
        var c = Map(VideoCodec.Hevc, new EncoderOptions { Gop = 48, MaxBFrames = 2, Flags = EncoderOptions.FlagClosedGop, MaxRefFrames = 2, QMin = 5 },
            WirePixelFormat.P010);
        Assert.Equal(("libx265", "yuv420p10le", "main10"), (c.EncoderName, c.InputPixelFormat, c.Option("profile")));
        Assert.Equal(("48", "1", "0", "2", "5"), (c.Param("keyint"), c.Param("bframes"), c.Param("open-gop"), c.Param("ref"), c.Param("qpmin")));
        Assert.Equal("+global_header+cgop", c.Option("flags"));
        Assert.Equal("yuv420p", Map(VideoCodec.Hevc, new EncoderOptions()).InputPixelFormat);
    }

    [Fact]
    public void Colour_tags_and_sar_pass_through_as_ffmpeg_numbers()
    {
        var c = Map(VideoCodec.H264, new EncoderOptions { ColorRange = 1, ColorSpace = 1, ColorPrimaries = 9, ColorTransfer = 16, SarNum = 4, SarDen = 3 });
        Assert.Equal(("1", "1", "9", "16", "4/3"), (c.Option("color_range"), c.Option("colorspace"), c.Option("color_primaries"), c.Option("color_trc"), c.Option("aspect")));
        Assert.Null(Map(VideoCodec.H264, new EncoderOptions()).Option("colorspace"));
    }

    [Fact]
    public void Options_without_an_x26x_meaning_become_warnings()
    {
        var c = Map(VideoCodec.Hevc, new EncoderOptions
        {
            FramesBefore = true,
            FramesAfter = true,
            PowerEfficient = 1,
            AlphaQuality = 0.5,
            Entropy = 2,
            Level = 51,
            MaxSliceBytes = 100,
            PrioritizeSpeed = 1,
        });
        foreach (var option in new[] { "frames_before", "frames_after", "power_efficient", "alpha_quality", "entropy", "level", "max_slice_bytes", "prio_speed" })
        {
            Assert.Contains(c.Warnings, w => w.StartsWith($"option {option} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void H264_with_p010_or_odd_sizes_is_refused()
    {
        Assert.Throws<CodecException>(() => Map(VideoCodec.H264, new EncoderOptions(), WirePixelFormat.P010));
        Assert.Throws<CodecException>(() => LibX26xOptionMapper.Map(
            new EncoderSettings(VideoCodec.Hevc, 321, 240, WirePixelFormat.Nv12, new Rational(1, 1), default, new EncoderOptions()), new FFmpegBackendOptions()));
    }

    [Fact]
    public void More_threads_than_the_budget_are_clamped_with_a_warning()
    {
        var c = Map(VideoCodec.H264, new EncoderOptions(), backend: new FFmpegBackendOptions(Threads: 16));
        Assert.Equal(LibX26xOptionMapper.MaxFrameThreads, c.Threads);
        Assert.Contains(c.Warnings, w => w.Contains("threads 16 clamped", StringComparison.Ordinal));
    }
}
