using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using CVReturn = int;

namespace Vtr.Node.Codecs.VideoToolbox.Interop;

/// <summary>CoreVideo: pixel buffers, their pools and attachments.</summary>
[SupportedOSPlatform("macos")]
internal static unsafe partial class CoreVideoNative
{
    /// <summary>kCVPixelBufferLock_ReadOnly (CVPixelBuffer.h).</summary>
    public const ulong LockReadOnly = 1;

    /// <summary>kCVAttachmentMode_ShouldPropagate (CVBuffer.h).</summary>
    public const uint AttachmentModeShouldPropagate = 1;

    [LibraryImport(NativeLibraries.CoreVideo)]
    public static partial CVReturn CVPixelBufferPoolCreatePixelBuffer(nint /* CFAllocatorRef */ allocator,
        nint /* CVPixelBufferPoolRef */ pixelBufferPool, nint* /* CVPixelBufferRef* */ pixelBufferOut);

    [LibraryImport(NativeLibraries.CoreVideo)]
    public static partial CVReturn CVPixelBufferLockBaseAddress(nint /* CVPixelBufferRef */ pixelBuffer,
        ulong /* CVPixelBufferLockFlags */ lockFlags);

    [LibraryImport(NativeLibraries.CoreVideo)]
    public static partial CVReturn CVPixelBufferUnlockBaseAddress(nint /* CVPixelBufferRef */ pixelBuffer,
        ulong /* CVPixelBufferLockFlags */ unlockFlags);

    [LibraryImport(NativeLibraries.CoreVideo)]
    public static partial void* /* void* */ CVPixelBufferGetBaseAddressOfPlane(nint /* CVPixelBufferRef */ pixelBuffer,
        nuint /* size_t */ planeIndex);

    [LibraryImport(NativeLibraries.CoreVideo)]
    public static partial nuint /* size_t */ CVPixelBufferGetBytesPerRowOfPlane(nint /* CVPixelBufferRef */ pixelBuffer,
        nuint /* size_t */ planeIndex);

    [LibraryImport(NativeLibraries.CoreVideo)]
    public static partial nuint /* size_t */ CVPixelBufferGetHeightOfPlane(nint /* CVPixelBufferRef */ pixelBuffer,
        nuint /* size_t */ planeIndex);

    [LibraryImport(NativeLibraries.CoreVideo)]
    public static partial uint /* OSType */ CVPixelBufferGetPixelFormatType(nint /* CVPixelBufferRef */ pixelBuffer);

    [LibraryImport(NativeLibraries.CoreVideo)]
    public static partial nuint /* size_t */ CVPixelBufferGetWidth(nint /* CVPixelBufferRef */ pixelBuffer);

    [LibraryImport(NativeLibraries.CoreVideo)]
    public static partial nuint /* size_t */ CVPixelBufferGetHeight(nint /* CVPixelBufferRef */ pixelBuffer);

    [LibraryImport(NativeLibraries.CoreVideo)]
    public static partial void CVBufferSetAttachment(nint /* CVBufferRef */ buffer, nint /* CFStringRef */ key,
        nint /* CFTypeRef */ value, uint /* CVAttachmentMode */ attachmentMode);

    /// <summary>One plane of a locked pixel buffer.</summary>
    public static Span<byte> Plane(nint pixelBuffer, int plane, out int stride, out int height)
    {
        stride = (int)CVPixelBufferGetBytesPerRowOfPlane(pixelBuffer, (nuint)plane);
        height = (int)CVPixelBufferGetHeightOfPlane(pixelBuffer, (nuint)plane);
        var address = CVPixelBufferGetBaseAddressOfPlane(pixelBuffer, (nuint)plane);
        return address == null ? Span<byte>.Empty : new Span<byte>(address, stride * height);
    }
}
