using System.Runtime.Versioning;
using Vtr.Node.Codecs.VideoToolbox.Interop;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>Fills CVPixelBuffers from the session's pool with NV12/P010 planes of any stride.</summary>
[SupportedOSPlatform("macos")]
internal static class PixelBufferWriter
{
    /// <summary>sourceImageBufferAttributes: pixel format, width, height and an (empty) IOSurface dictionary.</summary>
    public static SafeCFTypeHandle CreateSourceAttributes(CompressionPropertyPlan plan)
    {
        var attributes = CoreFoundationNative.CreateMutableDictionary();
        using var format = CoreFoundationNative.CreateNumber(unchecked((int)plan.PixelFormat));
        using var width = CoreFoundationNative.CreateNumber(plan.Settings.Width);
        using var height = CoreFoundationNative.CreateNumber(plan.Settings.Height);
        using var ioSurface = CoreFoundationNative.CreateMutableDictionary();
        CoreFoundationNative.SetValue(attributes, Cv("kCVPixelBufferPixelFormatTypeKey"), format);
        CoreFoundationNative.SetValue(attributes, Cv("kCVPixelBufferWidthKey"), width);
        CoreFoundationNative.SetValue(attributes, Cv("kCVPixelBufferHeightKey"), height);
        CoreFoundationNative.SetValue(attributes, Cv("kCVPixelBufferIOSurfacePropertiesKey"), ioSurface);
        return attributes;
    }

    /// <summary>A pooled pixel buffer holding the frame; rows copy min(width·bps, source stride, buffer stride) bytes.</summary>
    public static unsafe SafeCFTypeHandle Create(SafeVTCompressionSessionHandle session, CompressionPropertyPlan plan, in RawVideoFrame frame)
    {
        var pool = VideoToolboxNative.VTCompressionSessionGetPixelBufferPool(session);
        GC.KeepAlive(session);
        if (pool == 0)
        {
            throw new VideoToolboxException("VTCompressionSessionGetPixelBufferPool returned NULL");
        }

        nint buffer = 0;
        VideoToolboxNative.Check(CoreVideoNative.CVPixelBufferPoolCreatePixelBuffer(0, pool, &buffer), "CVPixelBufferPoolCreatePixelBuffer");
        var owned = SafeCFTypeHandle.Own(buffer, "CVPixelBufferPoolCreatePixelBuffer");
        try
        {
            var settings = plan.Settings;
            var rowBytes = ((settings.Width + 1) & ~1) * PixelFormatCodes.BytesPerSample(settings.PixelFormat);
            VideoToolboxNative.Check(CoreVideoNative.CVPixelBufferLockBaseAddress(buffer, 0), "CVPixelBufferLockBaseAddress");
            try
            {
                var luma = CoreVideoNative.Plane(buffer, 0, out var lumaStride, out var lumaRows);
                PlaneCopier.CopyRows(frame.Luma.Data.Span, frame.Luma.Stride, luma, lumaStride, rowBytes, Math.Min(lumaRows, frame.Luma.Height));
                var chroma = CoreVideoNative.Plane(buffer, 1, out var chromaStride, out var chromaRows);
                PlaneCopier.CopyRows(frame.Chroma.Data.Span, frame.Chroma.Stride, chroma, chromaStride, rowBytes, Math.Min(chromaRows, frame.Chroma.Height));
            }
            finally
            {
                _ = CoreVideoNative.CVPixelBufferUnlockBaseAddress(buffer, 0);
            }

            if (plan.PixelBufferYCbCrMatrix is { } matrix)
            {
                CoreVideoNative.CVBufferSetAttachment(buffer, Cv("kCVImageBufferYCbCrMatrixKey"), VtExports.ValueOf(matrix),
                    CoreVideoNative.AttachmentModeShouldPropagate);
            }

            GC.KeepAlive(owned);
            return owned;
        }
        catch
        {
            owned.Dispose();
            throw;
        }
    }

    private static nint Cv(string name) => VtExports.ValueOf(name, VtFramework.CoreVideo);
}
