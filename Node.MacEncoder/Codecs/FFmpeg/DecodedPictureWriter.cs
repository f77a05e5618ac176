using System.Buffers;
using Vtr.Native.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// Copies a decoded AVFrame (yuv420p/yuvj420p or yuv420p10le) into a pooled NV12 or P010 picture. A 10-bit
/// stream asked for as NV12 is rounded down to 8 bits (WIRE.md §3.3); an 8-bit stream asked for as P010 is
/// widened (samples moved to the high bits). A <see cref="PictureWindow"/> selects the shown part of a picture
/// libavcodec has not cropped yet. Any other format (4:2:2, 4:4:4, 12-bit, ...) goes through a
/// <see cref="PictureScaler"/> when the caller has one.
/// </summary>
internal static unsafe class DecodedPictureWriter
{
    /// <summary>Row alignment of the output planes (matches what VideoToolbox pads to on Apple silicon).</summary>
    private const int RowAlignment = 64;

    public static DecodedPicture Write(FFmpegRuntime runtime, nint frame, WirePixelFormat output, long pts, long duration,
        PictureWindow? window = null, PictureScaler? scaler = null)
    {
        var l = runtime.Layout;
        var width = AvFields.FrameWidth(l, frame);
        var height = AvFields.FrameHeight(l, frame);
        var format = AvFields.FrameFormat(l, frame);
        var tenBitSource = format == runtime.Yuv420P10;
        if (!tenBitSource && format != runtime.Yuv420P && format != runtime.Yuvj420P)
        {
            return scaler is not null
                ? Scale(scaler, frame, output, width, height, pts, duration)
                : throw new CodecException($"decoder produced pixel format {format}; only 4:2:0 8-bit and 10-bit are supported here");
        }

        var (left, top) = (0, 0);
        if (window is { } w && Fits(w, width, height))
        {
            (left, top, width, height) = (w.Left, w.Top, w.Width, w.Height); // 4:2:0 crop units are 2 samples: even
        }

        var bytesPerSample = output == WirePixelFormat.P010 ? 2 : 1;
        var pairs = (width + 1) / 2;
        var chromaHeight = (height + 1) / 2;
        var stride = Align(Math.Max(width, pairs * 2) * bytesPerSample);
        var owner = MemoryPool<byte>.Shared.Rent(stride * (height + chromaHeight));
        try
        {
            var luma = owner.Memory.Span[..(stride * height)];
            var chroma = owner.Memory.Span.Slice(stride * height, stride * chromaHeight);
            int ys = AvFields.FrameLineSize(l, frame, 0), us = AvFields.FrameLineSize(l, frame, 1), vs = AvFields.FrameLineSize(l, frame, 2);
            var sampleBytes = tenBitSource ? 2 : 1;
            var y = AvFields.FrameData(l, frame, 0) + ((nint)top * ys) + (left * sampleBytes);
            var u = AvFields.FrameData(l, frame, 1) + ((nint)(top / 2) * us) + (left / 2 * sampleBytes);
            var v = AvFields.FrameData(l, frame, 2) + ((nint)(top / 2) * vs) + (left / 2 * sampleBytes);
            if (tenBitSource)
            {
                var toP010 = output == WirePixelFormat.P010;
                PlaneConverter.Convert10(y, ys, luma, stride, width, height, toP010, 1, 0);
                PlaneConverter.Convert10(u, us, chroma, stride, pairs, chromaHeight, toP010, 2, 0);
                PlaneConverter.Convert10(v, vs, chroma, stride, pairs, chromaHeight, toP010, 2, 1);
            }
            else if (output == WirePixelFormat.P010)
            {
                Widen8(y, ys, luma, stride, width, height, 1, 0);
                Widen8(u, us, chroma, stride, pairs, chromaHeight, 2, 0);
                Widen8(v, vs, chroma, stride, pairs, chromaHeight, 2, 1);
            }
            else
            {
                PlaneConverter.CopyRows(y, ys, luma, stride, width, height);
                PlaneConverter.MergeChroma8(u, us, v, vs, chroma, stride, pairs, chromaHeight);
            }

            return new DecodedPicture(owner, output, width, height, stride, height, stride, chromaHeight, pts, duration);
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    private static DecodedPicture Scale(PictureScaler scaler, nint frame, WirePixelFormat output, int width, int height, long pts, long duration)
    {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0)
        {
            throw new CodecException($"decoded picture {width}x{height} cannot become 4:2:0 (even sizes only)");
        }

        var stride = Align(width * (output == WirePixelFormat.P010 ? 2 : 1));
        var chromaHeight = height / 2;
        var owner = MemoryPool<byte>.Shared.Rent(checked(stride * (height + chromaHeight)));
        try
        {
            var memory = owner.Memory.Span;
            scaler.Convert(frame, output, memory[..(stride * height)], memory.Slice(stride * height, stride * chromaHeight), stride);
            return new DecodedPicture(owner, output, width, height, stride, height, stride, chromaHeight, pts, duration);
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Only a window made for a picture of this very coded size is applied (another SPS id's window is not); the
    /// sums are in long so no crafted SPS can wrap them. Anything else leaves the picture uncropped.
    /// </summary>
    private static bool Fits(PictureWindow w, int width, int height) =>
        w.CodedWidth == width && w.CodedHeight == height && w.Left >= 0 && w.Top >= 0 && w.Width > 0 && w.Height > 0
        && (long)w.Left + w.Width <= width && (long)w.Top + w.Height <= height;

    private static int Align(int bytes) => (bytes + RowAlignment - 1) / RowAlignment * RowAlignment;

    private static void Widen8(byte* src, int srcStride, Span<byte> dst, int dstStride, int samples, int rows, int interleave, int offset)
    {
        for (var r = 0; r < rows; r++)
        {
            var s = src + ((nint)r * srcStride);
            var row = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(dst.Slice(r * dstStride, samples * interleave * 2));
            for (var x = 0; x < samples; x++)
            {
                row[(x * interleave) + offset] = (ushort)(s[x] << 8);
            }
        }
    }
}
