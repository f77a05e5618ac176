using System.Runtime.InteropServices;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// Row loops between the wire's semi-planar formats (NV12, P010 with samples in the high bits) and libavcodec's
/// planar ones (yuv420p, yuv420p10le with samples in the low bits). Strides are honoured on both sides;
/// native planes are addressed through pointers owned by an AVFrame the caller keeps alive.
/// </summary>
public static unsafe class PlaneConverter
{
    /// <summary>Copies <paramref name="rows"/> rows of <paramref name="rowBytes"/> bytes.</summary>
    public static void CopyRows(ReadOnlySpan<byte> src, int srcStride, byte* dst, int dstStride, int rowBytes, int rows)
    {
        for (var y = 0; y < rows; y++)
        {
            src.Slice(y * srcStride, rowBytes).CopyTo(new Span<byte>(dst + ((nint)y * dstStride), rowBytes));
        }
    }

    public static void CopyRows(byte* src, int srcStride, Span<byte> dst, int dstStride, int rowBytes, int rows)
    {
        for (var y = 0; y < rows; y++)
        {
            new ReadOnlySpan<byte>(src + ((nint)y * srcStride), rowBytes).CopyTo(dst.Slice(y * dstStride, rowBytes));
        }
    }

    /// <summary>NV12 CbCr pairs → separate U and V planes (8-bit).</summary>
    public static void SplitChroma8(ReadOnlySpan<byte> src, int srcStride, byte* u, int uStride, byte* v, int vStride, int pairs, int rows)
    {
        for (var y = 0; y < rows; y++)
        {
            var row = src.Slice(y * srcStride, pairs * 2);
            var du = u + ((nint)y * uStride);
            var dv = v + ((nint)y * vStride);
            for (var x = 0; x < pairs; x++)
            {
                du[x] = row[2 * x];
                dv[x] = row[(2 * x) + 1];
            }
        }
    }

    /// <summary>P010 luma (high bits) → yuv420p10le luma (low bits).</summary>
    public static void ShiftDown16(ReadOnlySpan<byte> src, int srcStride, byte* dst, int dstStride, int samples, int rows, int shift)
    {
        for (var y = 0; y < rows; y++)
        {
            var row = MemoryMarshal.Cast<byte, ushort>(src.Slice(y * srcStride, samples * 2));
            var d = (ushort*)(dst + ((nint)y * dstStride));
            for (var x = 0; x < row.Length; x++)
            {
                d[x] = (ushort)(row[x] >> shift);
            }
        }
    }

    /// <summary>P010 CbCr pairs → yuv420p10le U and V planes.</summary>
    public static void SplitChroma16(ReadOnlySpan<byte> src, int srcStride, byte* u, int uStride, byte* v, int vStride, int pairs, int rows)
    {
        for (var y = 0; y < rows; y++)
        {
            var row = MemoryMarshal.Cast<byte, ushort>(src.Slice(y * srcStride, pairs * 4));
            var du = (ushort*)(u + ((nint)y * uStride));
            var dv = (ushort*)(v + ((nint)y * vStride));
            for (var x = 0; x < pairs; x++)
            {
                du[x] = (ushort)(row[2 * x] >> 6);
                dv[x] = (ushort)(row[(2 * x) + 1] >> 6);
            }
        }
    }

    /// <summary>yuv420p U and V → NV12 CbCr pairs.</summary>
    public static void MergeChroma8(byte* u, int uStride, byte* v, int vStride, Span<byte> dst, int dstStride, int pairs, int rows)
    {
        for (var y = 0; y < rows; y++)
        {
            var su = u + ((nint)y * uStride);
            var sv = v + ((nint)y * vStride);
            var row = dst.Slice(y * dstStride, pairs * 2);
            for (var x = 0; x < pairs; x++)
            {
                row[2 * x] = su[x];
                row[(2 * x) + 1] = sv[x];
            }
        }
    }

    /// <summary>
    /// 10-bit planar samples (low bits) → 16-bit high-bit samples (P010, shift left 6) or 8-bit (NV12, shift right 2).
    /// <paramref name="interleave"/> = 2 writes every other sample (chroma pairs), starting at <paramref name="offset"/>.
    /// </summary>
    public static void Convert10(byte* src, int srcStride, Span<byte> dst, int dstStride, int samples, int rows,
        bool toP010, int interleave, int offset)
    {
        for (var y = 0; y < rows; y++)
        {
            var s = (ushort*)(src + ((nint)y * srcStride));
            if (toP010)
            {
                var row = MemoryMarshal.Cast<byte, ushort>(dst.Slice(y * dstStride, samples * interleave * 2));
                for (var x = 0; x < samples; x++)
                {
                    row[(x * interleave) + offset] = (ushort)(s[x] << 6);
                }
            }
            else
            {
                var row = dst.Slice(y * dstStride, samples * interleave);
                for (var x = 0; x < samples; x++)
                {
                    // Round to nearest and saturate: (v + 2) >> 2 overflows 255 only for v >= 1022.
                    row[(x * interleave) + offset] = (byte)Math.Min(255, (s[x] + 2) >> 2);
                }
            }
        }
    }
}
