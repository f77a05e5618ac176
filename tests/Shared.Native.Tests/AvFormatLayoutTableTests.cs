using Vtr.Native.FFmpeg;

namespace Vtr.Shared.Native.Tests;

/// <summary>
/// Rows for releases not installed here, pinned to offsetof() computed against their headers (FFmpeg 7.1.5 and
/// 8.1.2 sources; 5.1 against the system's). The installed release's row is checked at runtime by the Native tests.
/// </summary>
public sealed class AvFormatLayoutTableTests
{
    [Theory]
    [InlineData(59, 28, 44, 56, 60)]
    [InlineData(60, 28, 44, 56, 60)]
    [InlineData(61, 44, 60, 72, 76)] // coded_side_data moved after extradata_size in lavc 61
    [InlineData(62, 44, 60, 72, 76)]
    public void Codec_parameters_fields_sit_where_each_release_puts_them(int major, int format, int bitsPerRawSample, int width, int height)
    {
        var layout = AvFormatLayout.Find(major)!;

        Assert.Equal((format, bitsPerRawSample, width, height),
            (layout.ParametersFormat, layout.ParametersBitsPerRawSample, layout.ParametersWidth, layout.ParametersHeight));
        Assert.Equal((16, 24), (layout.ParametersExtradata, layout.ParametersExtradataSize));
    }

    [Theory]
    [InlineData(59, 57, 124)]
    [InlineData(60, 58, 124)]
    [InlineData(61, 59, 124)]
    [InlineData(62, 60, 120)] // AVFrame.key_frame removed in lavu 60
    public void Frame_pict_type_moves_up_when_key_frame_is_removed(int codecMajor, int utilMajor, int pictType)
    {
        var layout = AvLayout.Find(codecMajor, utilMajor)!;

        Assert.Equal(pictType, layout.FramePictType);
        Assert.Equal(136, layout.FramePts);
    }
}
