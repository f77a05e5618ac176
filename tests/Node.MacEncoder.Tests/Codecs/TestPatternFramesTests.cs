using Vtr.Node.Codecs.SelfTest;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs;

/// <summary>The self-test's and the VideoToolbox inspection's frames: one renderer for NV12 and widened P010.</summary>
public sealed class TestPatternFramesTests
{
    private static readonly TestPattern Pattern = new(48, 32);

    [Fact]
    public void Nv12_frames_carry_the_pattern_at_its_stride_and_only_frame_0_is_a_keyframe()
    {
        var frames = new TestPatternFrames(Pattern, WirePixelFormat.Nv12);
        var (luma, chroma) = Rendered(3);

        var frame = frames.Render(3);

        Assert.Equal((3L, 1L, false), (frame.Pts, frame.Duration, frame.ForceKeyframe));
        Assert.Equal((Pattern.LumaStride, 32, 16), (frame.Luma.Stride, frame.Luma.Height, frame.Chroma.Height));
        Assert.Equal(luma, frame.Luma.Data.ToArray());
        Assert.Equal(chroma, frame.Chroma.Data.ToArray());
        Assert.True(frames.Render(0).ForceKeyframe);
    }

    [Fact]
    public void P010_frames_hold_each_pattern_sample_in_the_high_byte_of_a_little_endian_u16_at_twice_the_stride()
    {
        var frames = new TestPatternFrames(Pattern, WirePixelFormat.P010);
        var (luma, chroma) = Rendered(5);

        var frame = frames.Render(5);

        Assert.Equal(2 * Pattern.LumaStride, frame.Luma.Stride);
        Assert.Equal(2 * Pattern.LumaStride, frame.Chroma.Stride);
        var wideLuma = frame.Luma.Data.Span;
        var wideChroma = frame.Chroma.Data.Span;
        for (var i = 0; i < luma.Length; i++)
        {
            Assert.Equal((0, luma[i]), (wideLuma[2 * i], wideLuma[(2 * i) + 1]));
        }

        for (var i = 0; i < chroma.Length; i++)
        {
            Assert.Equal((0, chroma[i]), (wideChroma[2 * i], wideChroma[(2 * i) + 1]));
        }
    }

    private static (byte[] Luma, byte[] Chroma) Rendered(int index)
    {
        var luma = new byte[Pattern.LumaStride * Pattern.Height];
        var chroma = new byte[Pattern.LumaStride * (Pattern.Height / 2)];
        Pattern.Render(index, luma, chroma);
        return (luma, chroma);
    }
}
