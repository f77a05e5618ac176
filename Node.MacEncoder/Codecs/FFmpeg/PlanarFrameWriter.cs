using Vtr.Native.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>Copies an NV12/P010 picture into an AVFrame in the layout libavcodec and libavfilter take (by stride, not width).</summary>
internal static unsafe class PlanarFrameWriter
{
    /// <summary>
    /// Writes <paramref name="frame"/> into the AVFrame <paramref name="f"/> (allocated for <paramref name="width"/> x
    /// <paramref name="height"/>): P010 becomes yuv420p10le, NV12 stays NV12 or, with <paramref name="planar"/>, becomes
    /// yuv420p. Throws <see cref="CodecException"/> when a plane is smaller than the picture.
    /// </summary>
    public static void Write(AvLayout l, in RawVideoFrame frame, nint f, WirePixelFormat format, bool planar, int width, int height)
    {
        var chromaRows = height / 2;
        if (format == WirePixelFormat.P010)
        {
            PlaneConverter.ShiftDown16(Rows(frame.Luma, width * 2, height, "luma"), frame.Luma.Stride,
                AvFields.FrameData(l, f, 0), AvFields.FrameLineSize(l, f, 0), width, height, 6);
            PlaneConverter.SplitChroma16(Rows(frame.Chroma, width * 2, chromaRows, "chroma"), frame.Chroma.Stride,
                AvFields.FrameData(l, f, 1), AvFields.FrameLineSize(l, f, 1),
                AvFields.FrameData(l, f, 2), AvFields.FrameLineSize(l, f, 2), width / 2, chromaRows);
            return;
        }

        PlaneConverter.CopyRows(Rows(frame.Luma, width, height, "luma"), frame.Luma.Stride,
            AvFields.FrameData(l, f, 0), AvFields.FrameLineSize(l, f, 0), width, height);
        var chroma = Rows(frame.Chroma, width, chromaRows, "chroma");
        if (planar)
        {
            PlaneConverter.SplitChroma8(chroma, frame.Chroma.Stride,
                AvFields.FrameData(l, f, 1), AvFields.FrameLineSize(l, f, 1),
                AvFields.FrameData(l, f, 2), AvFields.FrameLineSize(l, f, 2), width / 2, chromaRows);
        }
        else
        {
            PlaneConverter.CopyRows(chroma, frame.Chroma.Stride,
                AvFields.FrameData(l, f, 1), AvFields.FrameLineSize(l, f, 1), width, chromaRows);
        }
    }

    /// <summary>The plane's bytes, checked to hold <paramref name="rows"/> rows of <paramref name="rowBytes"/>.</summary>
    private static ReadOnlySpan<byte> Rows(in PlaneView plane, int rowBytes, int rows, string name)
    {
        var need = rows == 0 ? 0 : ((long)(rows - 1) * plane.Stride) + rowBytes;
        if (plane.Stride < rowBytes || plane.Height < rows || plane.Data.Length < need)
        {
            throw new CodecException(
                $"{name} plane too small: stride {plane.Stride}, {plane.Height} rows, {plane.Data.Length} bytes; need {rows} rows of {rowBytes} bytes");
        }

        return plane.Data.Span;
    }
}
