using Vtr.Native.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// Converts a decoded picture in any pixel format libswscale reads (4:2:2/4:4:4, 10/12-bit, ProRes' yuva444p12le,
/// MPEG-2's yuv422p, ...) into NV12 or P010 at the same size: chroma is resampled to 4:2:0 (bicubic, as FFmpeg's
/// scale filter does by default) and samples are re-quantised to 8 or 10 bits. The range stays what it was (no
/// limited/full expansion; the stream keeps its range tag) and YUV stays YUV, so no matrix is applied.
/// libswscale rather than a libavfilter graph: one context per decoder, no graph text to build, and the planes go
/// straight into the pooled picture. One context per decoder, re-made only when the input format or size changes.
/// </summary>
internal sealed unsafe class PictureScaler : IDisposable
{
    private readonly FFmpegRuntime _runtime;
    private readonly SafeSwsContextHandle _context = new();
    private (int Width, int Height, int Format, int Output) _current = (-1, -1, -1, -1);

    public PictureScaler(FFmpegRuntime runtime) => _runtime = runtime;

    /// <summary>Scales <paramref name="frame"/> into NV12/P010 planes the caller sized for its width and height.</summary>
    public void Convert(nint frame, WirePixelFormat output, Span<byte> luma, Span<byte> chroma, int stride)
    {
        var l = _runtime.Layout;
        var width = AvFields.FrameWidth(l, frame);
        var height = AvFields.FrameHeight(l, frame);
        var format = AvFields.FrameFormat(l, frame);
        var target = output == WirePixelFormat.P010 ? _runtime.P010 : _runtime.Nv12;
        Prepare(width, height, format, target);

        var source = stackalloc byte*[8];
        var sourceStrides = stackalloc int[8];
        for (var plane = 0; plane < 8; plane++)
        {
            source[plane] = AvFields.FrameData(l, frame, plane);
            sourceStrides[plane] = AvFields.FrameLineSize(l, frame, plane);
        }

        fixed (byte* y = luma, uv = chroma)
        {
            var destination = stackalloc byte*[4] { y, uv, null, null };
            var destinationStrides = stackalloc int[4] { stride, stride, 0, 0 };
            var rows = SwScaleNative.sws_scale(_context.Pointer, source, sourceStrides, 0, height, destination, destinationStrides);
            if (rows != height)
            {
                throw new CodecException($"libswscale wrote {rows} of {height} rows converting pixel format {format}");
            }
        }
    }

    public void Dispose() => _context.Dispose();

    private void Prepare(int width, int height, int format, int target)
    {
        if (_current == (width, height, format, target))
        {
            return;
        }

        var context = SwScaleNative.sws_getCachedContext(_context.Pointer, width, height, format, width, height, target,
            SwScaleNative.Flags, 0, 0, 0);
        if (context == 0)
        {
            _context.Replace(0); // sws_getCachedContext freed the old one before failing
            throw new CodecException($"libswscale cannot convert pixel format {format} ({width}x{height}) to {(target == _runtime.P010 ? "p010le" : "nv12")}");
        }

        _context.Replace(context);
        // Keep the range: a full-range source (yuvj*, or tagged pc) stays full range, a limited one limited.
        var fullRange = IsFullRangeFormat(format) ? 1 : 0;
        var coefficients = SwScaleNative.sws_getCoefficients(SwsColorspaceItu709);
        _ = SwScaleNative.sws_setColorspaceDetails(context, coefficients, fullRange, coefficients, fullRange, 0, 1 << 16, 1 << 16);
        _current = (width, height, format, target);
    }

    private const int SwsColorspaceItu709 = 1;

    private bool IsFullRangeFormat(int format) => format == _runtime.Yuvj420P || format == _runtime.Yuvj422P || format == _runtime.Yuvj444P;
}
