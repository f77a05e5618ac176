using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Vtr.Native.FFmpeg;

#pragma warning disable CA1401, CA1707 // P/Invokes keep FFmpeg's C names and are public for the interop tests.

/// <summary>
/// libswscale: pixel format and chroma-subsampling conversion of decoded pictures. Only functions whose signatures
/// are the same in libswscale 6 (FFmpeg 5.1), 7 (6.x), 8 (7.x) and 9 (8.x) (libswscale/swscale.h); no struct is
/// read, SwsContext stays opaque.
/// </summary>
public static partial class SwScaleNative
{
    /// <summary>SWS_BICUBIC: the default of FFmpeg's scale filter.</summary>
    public const int Bicubic = 4;

    /// <summary>SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT are not used: plain bicubic matches ffmpeg -vf format=... output.</summary>
    public const int Flags = Bicubic;

    /// <summary>struct SwsContext *sws_getCachedContext(struct SwsContext *context, int srcW, int srcH, enum AVPixelFormat srcFormat,
    /// int dstW, int dstH, enum AVPixelFormat dstFormat, int flags, SwsFilter *srcFilter, SwsFilter *dstFilter, const double *param)</summary>
    [LibraryImport(NativeLibraries.SwScale, EntryPoint = "sws_getCachedContext")]
    public static partial nint sws_getCachedContext(nint context, int srcW, int srcH, int srcFormat, int dstW, int dstH, int dstFormat,
        int flags, nint srcFilter, nint dstFilter, nint param);

    /// <summary>int sws_scale(struct SwsContext *c, const uint8_t *const srcSlice[], const int srcStride[], int srcSliceY, int srcSliceH,
    /// uint8_t *const dst[], const int dstStride[])</summary>
    [LibraryImport(NativeLibraries.SwScale, EntryPoint = "sws_scale")]
    public static unsafe partial int sws_scale(nint context, byte** srcSlice, int* srcStride, int srcSliceY, int srcSliceH, byte** dst, int* dstStride);

    /// <summary>int sws_setColorspaceDetails(struct SwsContext *c, const int inv_table[4], int srcRange, const int table[4], int dstRange,
    /// int brightness, int contrast, int saturation)</summary>
    [LibraryImport(NativeLibraries.SwScale, EntryPoint = "sws_setColorspaceDetails")]
    public static partial int sws_setColorspaceDetails(nint context, nint invTable, int srcRange, nint table, int dstRange,
        int brightness, int contrast, int saturation);

    /// <summary>const int *sws_getCoefficients(int colorspace): SWS_CS_* tables (1 = BT.709, 5 = BT.601, 9 = BT.2020).</summary>
    [LibraryImport(NativeLibraries.SwScale, EntryPoint = "sws_getCoefficients")]
    public static partial nint sws_getCoefficients(int colorspace);

    /// <summary>void sws_freeContext(struct SwsContext *swsContext)</summary>
    [LibraryImport(NativeLibraries.SwScale, EntryPoint = "sws_freeContext")]
    public static partial void sws_freeContext(nint context);
}

/// <summary>An owned SwsContext*; sws_getCachedContext may replace it, so the owner swaps the pointer through <see cref="Replace"/>.</summary>
public sealed class SafeSwsContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeSwsContextHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>sws_getCachedContext frees the old context itself when it returns a new one.</summary>
    public void Replace(nint context) => SetHandle(context);

    public nint Pointer => handle;

    protected override bool ReleaseHandle()
    {
        SwScaleNative.sws_freeContext(handle);
        return true;
    }
}
#pragma warning restore CA1401, CA1707
