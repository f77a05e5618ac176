using Vtr.Native.FFmpeg;

namespace Vtr.Shared.Native.Tests;

/// <summary>Checks the offset table against the loaded libraries with round trips that only FFmpeg can answer.</summary>
[Trait("Category", "Native")]
public sealed unsafe class AvLayoutTests
{
    [NativeFact]
    public void Frame_geometry_and_planes_match_av_frame_get_buffer_and_av_image_fill_linesizes()
    {
        var runtime = FFmpegRuntime.Load();
        var l = runtime.Layout;
        var expected = stackalloc int[4];
        foreach (var (format, width, height) in new[] { (runtime.Yuv420P, 320, 240), (runtime.Nv12, 333, 101), (runtime.Yuv420P10, 64, 48) })
        {
            using var frame = AvUtilNative.av_frame_alloc();
            var f = frame.DangerousGetHandle();
            AvFields.SetFrameGeometry(l, f, width, height, format);
            // av_frame_get_buffer reads width/height/format at our offsets: wrong offsets fail or allocate nonsense.
            Assert.Equal(0, AvUtilNative.av_frame_get_buffer(frame, 32));
            Assert.Equal(width, AvFields.FrameWidth(l, f));
            Assert.Equal(height, AvFields.FrameHeight(l, f));
            Assert.Equal(format, AvFields.FrameFormat(l, f));

            Assert.True(AvUtilNative.av_image_fill_linesizes(expected, format, width) >= 0);
            var planes = format == runtime.Nv12 ? 2 : 3;
            for (var i = 0; i < planes; i++)
            {
                // av_frame_get_buffer aligns each linesize up to the requested 32 bytes.
                Assert.Equal((expected[i] + 31) & ~31, AvFields.FrameLineSize(l, f, i));
                Assert.True(AvFields.FrameData(l, f, i) != null);
            }

            Assert.Equal(0, AvFields.FrameLineSize(l, f, planes));
            Assert.True(AvFields.FrameData(l, f, planes) == null);
            Assert.True(AvFields.FrameData(l, f, 1) > AvFields.FrameData(l, f, 0));

            AvFields.SetFramePts(l, f, 123456789);
            AvFields.SetFramePictType(l, f, AvLayout.PictureTypeI);
            Assert.Equal(123456789, AvFields.FramePts(l, f));
        }
    }

    [NativeFact]
    public void Fresh_frame_has_unset_pts_and_packet_fields_match_av_new_packet()
    {
        var runtime = FFmpegRuntime.Load();
        var l = runtime.Layout;
        using var frame = AvUtilNative.av_frame_alloc();
        Assert.Equal(AvLayout.NoPtsValue, AvFields.FramePts(l, frame.DangerousGetHandle()));
        Assert.Equal(-1, AvFields.FrameFormat(l, frame.DangerousGetHandle()));

        using var packet = AvCodecNative.av_packet_alloc();
        var p = packet.DangerousGetHandle();
        Assert.Equal(AvLayout.NoPtsValue, AvFields.PacketPts(l, p));
        Assert.Equal(AvLayout.NoPtsValue, AvFields.PacketDts(l, p));
        Assert.Equal(0, AvFields.PacketSize(l, p));
        Assert.Equal(0, AvCodecNative.av_new_packet(packet, 1234));
        Assert.Equal(1234, AvFields.PacketSize(l, p));
        Assert.True(AvFields.PacketData(l, p) != null);
        Assert.Equal(AvLayout.NoPtsValue, AvFields.PacketPts(l, p)); // av_new_packet resets the props, not our offsets
        AvFields.SetPacketTiming(l, p, 5, 4, 3, AvLayout.PacketFlagKey);
        Assert.Equal((5L, 4L, 3L, 1), (AvFields.PacketPts(l, p), AvFields.PacketDts(l, p), AvFields.PacketDuration(l, p), AvFields.PacketFlags(l, p)));
        Assert.Equal(1234, AvFields.PacketSize(l, p));
        AvCodecNative.av_packet_unref(packet);
        Assert.Equal(0, AvFields.PacketSize(l, p));
        Assert.True(AvFields.PacketData(l, p) == null);
    }

    [NativeFact]
    public void The_loaded_FFmpeg_is_a_supported_major()
    {
        var runtime = FFmpegRuntime.Load();
        Assert.NotNull(AvLayout.Find(runtime.CodecMajor, runtime.UtilMajor));
        Assert.Contains("Invalid argument", FFmpegErrors.Describe(-22), StringComparison.Ordinal);
    }
}
