using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using OSStatus = int;

namespace Vtr.Node.Codecs.VideoToolbox.Interop;

/// <summary>VTDecompressionOutputCallbackRecord (VTDecompressionSession.h): callback pointer and refcon.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VTDecompressionOutputCallbackRecord
{
    public delegate* unmanaged[Cdecl]<void*, void*, int, uint, nint, CMTime, CMTime, void> DecompressionOutputCallback;
    public void* DecompressionOutputRefCon;
}

/// <summary>VideoToolbox: compression and decompression sessions (VTCompressionSession.h, VTDecompressionSession.h, VTSession.h).</summary>
[SupportedOSPlatform("macos")]
internal static unsafe partial class VideoToolboxNative
{
    /// <summary>kVTEncodeInfo_FrameDropped (VTErrors.h, VTEncodeInfoFlags).</summary>
    public const uint EncodeInfoFrameDropped = 1 << 1;

    /// <summary>kVTDecodeInfo_FrameDropped (VTErrors.h, VTDecodeInfoFlags).</summary>
    public const uint DecodeInfoFrameDropped = 1 << 1;

    [LibraryImport(NativeLibraries.VideoToolbox)]
    public static partial OSStatus VTCompressionSessionCreate(nint /* CFAllocatorRef */ allocator, int /* int32_t */ width,
        int /* int32_t */ height, uint /* CMVideoCodecType */ codecType, nint /* CFDictionaryRef */ encoderSpecification,
        nint /* CFDictionaryRef */ sourceImageBufferAttributes, nint /* CFAllocatorRef */ compressedDataAllocator,
        delegate* unmanaged[Cdecl]<void*, void*, int, uint, nint, void> /* VTCompressionOutputCallback */ outputCallback,
        void* /* void* */ outputCallbackRefCon, nint* /* VTCompressionSessionRef* */ compressionSessionOut);

    [LibraryImport(NativeLibraries.VideoToolbox)]
    public static partial OSStatus VTSessionSetProperty(SafeHandle /* VTSessionRef */ session, nint /* CFStringRef */ propertyKey,
        nint /* CFTypeRef */ propertyValue);

    [LibraryImport(NativeLibraries.VideoToolbox)]
    public static partial OSStatus VTCompressionSessionPrepareToEncodeFrames(SafeVTCompressionSessionHandle /* VTCompressionSessionRef */ session);

    [LibraryImport(NativeLibraries.VideoToolbox)]
    public static partial nint /* CVPixelBufferPoolRef, +0 */ VTCompressionSessionGetPixelBufferPool(
        SafeVTCompressionSessionHandle /* VTCompressionSessionRef */ session);

    [LibraryImport(NativeLibraries.VideoToolbox)]
    public static partial OSStatus VTCompressionSessionEncodeFrame(SafeVTCompressionSessionHandle /* VTCompressionSessionRef */ session,
        nint /* CVImageBufferRef */ imageBuffer, CMTime /* CMTime */ presentationTimeStamp, CMTime /* CMTime */ duration,
        nint /* CFDictionaryRef */ frameProperties, void* /* void* */ sourceFrameRefcon, uint* /* VTEncodeInfoFlags* */ infoFlagsOut);

    [LibraryImport(NativeLibraries.VideoToolbox)]
    public static partial OSStatus VTCompressionSessionCompleteFrames(SafeVTCompressionSessionHandle /* VTCompressionSessionRef */ session,
        CMTime /* CMTime */ completeUntilPresentationTimeStamp);

    [LibraryImport(NativeLibraries.VideoToolbox)]
    public static partial void VTCompressionSessionInvalidate(nint /* VTCompressionSessionRef */ session);

    [LibraryImport(NativeLibraries.VideoToolbox)]
    public static partial OSStatus VTDecompressionSessionCreate(nint /* CFAllocatorRef */ allocator,
        nint /* CMVideoFormatDescriptionRef */ videoFormatDescription, nint /* CFDictionaryRef */ videoDecoderSpecification,
        nint /* CFDictionaryRef */ destinationImageBufferAttributes,
        VTDecompressionOutputCallbackRecord* /* const VTDecompressionOutputCallbackRecord* */ outputCallback,
        nint* /* VTDecompressionSessionRef* */ decompressionSessionOut);

    [LibraryImport(NativeLibraries.VideoToolbox)]
    public static partial OSStatus VTDecompressionSessionDecodeFrame(SafeVTDecompressionSessionHandle /* VTDecompressionSessionRef */ session,
        nint /* CMSampleBufferRef */ sampleBuffer, uint /* VTDecodeFrameFlags */ decodeFlags, void* /* void* */ sourceFrameRefCon,
        uint* /* VTDecodeInfoFlags* */ infoFlagsOut);

    [LibraryImport(NativeLibraries.VideoToolbox)]
    public static partial OSStatus VTDecompressionSessionFinishDelayedFrames(SafeVTDecompressionSessionHandle /* VTDecompressionSessionRef */ session);

    [LibraryImport(NativeLibraries.VideoToolbox)]
    public static partial OSStatus VTDecompressionSessionWaitForAsynchronousFrames(SafeVTDecompressionSessionHandle /* VTDecompressionSessionRef */ session);

    [LibraryImport(NativeLibraries.VideoToolbox)]
    public static partial void VTDecompressionSessionInvalidate(nint /* VTDecompressionSessionRef */ session);

    /// <summary>Turns a non-zero OSStatus into a <see cref="VideoToolboxException"/>.</summary>
    public static void Check(int status, string operation)
    {
        if (status != VtStatus.NoErr)
        {
            throw new VideoToolboxException(operation, status);
        }
    }
}

/// <summary>An owned VTCompressionSessionRef: ReleaseHandle invalidates the session, then CFReleases it.</summary>
[SupportedOSPlatform("macos")]
internal sealed class SafeVTCompressionSessionHandle : SafeHandle
{
    public SafeVTCompressionSessionHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    public static SafeVTCompressionSessionHandle Own(nint session)
    {
        var owned = new SafeVTCompressionSessionHandle();
        owned.SetHandle(session);
        return owned;
    }

    protected override bool ReleaseHandle()
    {
        VideoToolboxNative.VTCompressionSessionInvalidate(handle);
        CoreFoundationNative.CFRelease(handle);
        return true;
    }
}

/// <summary>An owned VTDecompressionSessionRef: ReleaseHandle invalidates the session, then CFReleases it.</summary>
[SupportedOSPlatform("macos")]
internal sealed class SafeVTDecompressionSessionHandle : SafeHandle
{
    public SafeVTDecompressionSessionHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    public static SafeVTDecompressionSessionHandle Own(nint session)
    {
        var owned = new SafeVTDecompressionSessionHandle();
        owned.SetHandle(session);
        return owned;
    }

    protected override bool ReleaseHandle()
    {
        VideoToolboxNative.VTDecompressionSessionInvalidate(handle);
        CoreFoundationNative.CFRelease(handle);
        return true;
    }
}
