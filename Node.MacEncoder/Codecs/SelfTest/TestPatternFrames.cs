using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.SelfTest;

/// <summary>
/// Frames of a <see cref="TestPattern"/> as an encoder takes them, in NV12 or (widened to 10 bits) P010, rendered into
/// one set of buffers reused for every frame; frame 0 is a forced keyframe. A returned frame's planes are valid until
/// the next <see cref="Render"/>.
/// </summary>
public sealed class TestPatternFrames
{
    private readonly TestPattern _pattern;
    private readonly bool _tenBit;
    private readonly byte[] _luma;
    private readonly byte[] _chroma;
    private readonly byte[] _wideLuma;
    private readonly byte[] _wideChroma;
    private readonly int _stride;

    public TestPatternFrames(TestPattern pattern, WirePixelFormat format)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _pattern = pattern;
        _tenBit = format == WirePixelFormat.P010;
        _luma = new byte[pattern.LumaStride * pattern.Height];
        _chroma = new byte[pattern.LumaStride * (pattern.Height / 2)];
        _stride = _tenBit ? pattern.LumaStride * 2 : pattern.LumaStride;
        _wideLuma = _tenBit ? new byte[_stride * pattern.Height] : _luma;
        _wideChroma = _tenBit ? new byte[_stride * (pattern.Height / 2)] : _chroma;
    }

    /// <summary>Frame <paramref name="index"/> (its PTS, duration 1).</summary>
    public RawVideoFrame Render(int index)
    {
        _pattern.Render(index, _luma, _chroma);
        if (_tenBit)
        {
            P010Samples.Widen(_luma, _wideLuma);
            P010Samples.Widen(_chroma, _wideChroma);
        }

        return new RawVideoFrame(index, 1, index == 0, new PlaneView(_wideLuma, _stride, _pattern.Height),
            new PlaneView(_wideChroma, _stride, _pattern.Height / 2));
    }
}
