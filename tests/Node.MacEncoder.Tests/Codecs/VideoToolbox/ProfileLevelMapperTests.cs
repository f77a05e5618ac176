using Vtr.Node.Codecs.VideoToolbox;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;

public class ProfileLevelMapperTests
{
    [Theory]
    [InlineData(-99, 0, false, null)]
    [InlineData(-99, 41, true, "kVTProfileLevel_H264_Main_4_1")]
    [InlineData(-99, 41, false, "kVTProfileLevel_H264_Baseline_4_1")]
    [InlineData(66, 0, false, "kVTProfileLevel_H264_Baseline_AutoLevel")]
    [InlineData(66, 13, false, "kVTProfileLevel_H264_Baseline_1_3")]
    [InlineData(66, 31, false, "kVTProfileLevel_H264_Baseline_3_1")]
    [InlineData(66, 21, false, null)]
    [InlineData(578, 40, false, "kVTProfileLevel_H264_ConstrainedBaseline_AutoLevel")]
    [InlineData(77, 0, true, "kVTProfileLevel_H264_Main_AutoLevel")]
    [InlineData(77, 52, true, "kVTProfileLevel_H264_Main_5_2")]
    [InlineData(77, 13, true, null)]
    [InlineData(100, 30, true, "kVTProfileLevel_H264_High_3_0")]
    [InlineData(100, 51, true, "kVTProfileLevel_H264_High_5_1")]
    [InlineData(100, 60, true, null)]
    [InlineData(612, 41, true, "kVTProfileLevel_H264_ConstrainedHigh_AutoLevel")]
    [InlineData(88, 0, true, "kVTProfileLevel_H264_Extended_AutoLevel")]
    [InlineData(88, 50, true, "kVTProfileLevel_H264_Extended_5_0")]
    public void H264_rows_of_the_table_map(int profile, int level, bool bFrames, string? expected)
    {
        var result = ProfileLevelMapper.Map(VideoCodec.H264, profile, level, WirePixelFormat.Nv12, bFrames);
        Assert.False(result.IsError);
        Assert.Equal(expected, result.ProfileLevel?.Name);
    }

    [Theory]
    [InlineData(88, 41)]
    [InlineData(110, 0)]
    [InlineData(122, 0)]
    [InlineData(244, 0)]
    public void Unsupported_H264_profiles_fail_the_session(int profile, int level)
    {
        var result = ProfileLevelMapper.Map(VideoCodec.H264, profile, level, WirePixelFormat.Nv12, false);
        Assert.True(result.IsError);
        Assert.StartsWith("invalid profile/level", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-99, WirePixelFormat.Nv12, null)]
    [InlineData(-99, WirePixelFormat.P010, "kVTProfileLevel_HEVC_Main10_AutoLevel")]
    [InlineData(1, WirePixelFormat.Nv12, "kVTProfileLevel_HEVC_Main_AutoLevel")]
    [InlineData(2, WirePixelFormat.P010, "kVTProfileLevel_HEVC_Main10_AutoLevel")]
    [InlineData(4, WirePixelFormat.P010, "kVTProfileLevel_HEVC_Main42210_AutoLevel")]
    [InlineData(3, WirePixelFormat.Nv12, null)]
    public void HEVC_rows_of_the_table_map(int profile, WirePixelFormat pix, string? expected)
    {
        var result = ProfileLevelMapper.Map(VideoCodec.Hevc, profile, 0, pix, true);
        Assert.False(result.IsError);
        Assert.Equal(expected, result.ProfileLevel?.Name);
    }

    [Theory]
    [InlineData(66, true)]
    [InlineData(578, true)]
    [InlineData(77, false)]
    [InlineData(-99, false)]
    public void Baseline_test_masks_the_constraint_bits(int profile, bool baseline) =>
        Assert.Equal(baseline, ProfileLevelMapper.IsBaseline(profile));
}
