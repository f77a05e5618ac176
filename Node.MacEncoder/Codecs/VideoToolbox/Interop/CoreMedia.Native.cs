using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using CMItemCount = nint;
using OSStatus = int;

namespace Vtr.Node.Codecs.VideoToolbox.Interop;

/// <summary>CoreMedia/CMSampleTiming: CMSampleTimingInfo (CMSampleBuffer.h): duration, pts, dts — 72 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct CMSampleTimingInfo
{
    public CMTime Duration;
    public CMTime PresentationTimeStamp;
    public CMTime DecodeTimeStamp;
}

/// <summary>CoreMedia: sample buffers, block buffers and video format descriptions.</summary>
[SupportedOSPlatform("macos")]
internal static unsafe partial class CoreMediaNative
{
    /// <summary>kCMBlockBufferAssureMemoryNowFlag (CMBlockBuffer.h).</summary>
    public const uint BlockBufferAssureMemoryNow = 1;

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial nint /* CMBlockBufferRef, +0 */ CMSampleBufferGetDataBuffer(nint /* CMSampleBufferRef */ sbuf);

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial nuint /* size_t */ CMBlockBufferGetDataLength(nint /* CMBlockBufferRef */ theBuffer);

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial OSStatus CMBlockBufferCopyDataBytes(nint /* CMBlockBufferRef */ theSourceBuffer,
        nuint /* size_t */ offsetToData, nuint /* size_t */ dataLength, void* /* void* */ destination);

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial CMTime CMSampleBufferGetPresentationTimeStamp(nint /* CMSampleBufferRef */ sbuf);

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial CMTime CMSampleBufferGetDecodeTimeStamp(nint /* CMSampleBufferRef */ sbuf);

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial CMTime CMSampleBufferGetDuration(nint /* CMSampleBufferRef */ sbuf);

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial nint /* CFArrayRef, +0 */ CMSampleBufferGetSampleAttachmentsArray(nint /* CMSampleBufferRef */ sbuf,
        byte /* Boolean */ createIfNecessary);

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial nint /* CMFormatDescriptionRef, +0 */ CMSampleBufferGetFormatDescription(nint /* CMSampleBufferRef */ sbuf);

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial OSStatus CMVideoFormatDescriptionGetH264ParameterSetAtIndex(nint /* CMFormatDescriptionRef */ videoDesc,
        nuint /* size_t */ parameterSetIndex, byte** /* const uint8_t** */ parameterSetPointerOut,
        nuint* /* size_t* */ parameterSetSizeOut, nuint* /* size_t* */ parameterSetCountOut, int* /* int* */ nalUnitHeaderLengthOut);

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial OSStatus CMVideoFormatDescriptionGetHEVCParameterSetAtIndex(nint /* CMFormatDescriptionRef */ videoDesc,
        nuint /* size_t */ parameterSetIndex, byte** /* const uint8_t** */ parameterSetPointerOut,
        nuint* /* size_t* */ parameterSetSizeOut, nuint* /* size_t* */ parameterSetCountOut, int* /* int* */ nalUnitHeaderLengthOut);

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial OSStatus CMVideoFormatDescriptionCreateFromH264ParameterSets(nint /* CFAllocatorRef */ allocator,
        nuint /* size_t */ parameterSetCount, byte** /* const uint8_t* const* */ parameterSetPointers,
        nuint* /* const size_t* */ parameterSetSizes, int /* int */ nalUnitHeaderLength,
        nint* /* CMFormatDescriptionRef* */ formatDescriptionOut);

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial OSStatus CMVideoFormatDescriptionCreateFromHEVCParameterSets(nint /* CFAllocatorRef */ allocator,
        nuint /* size_t */ parameterSetCount, byte** /* const uint8_t* const* */ parameterSetPointers,
        nuint* /* const size_t* */ parameterSetSizes, int /* int */ nalUnitHeaderLength,
        nint /* CFDictionaryRef */ extensions, nint* /* CMFormatDescriptionRef* */ formatDescriptionOut);

    /// <summary>OSStatus CMVideoFormatDescriptionCreate(CFAllocatorRef, CMVideoCodecType, int32_t width, int32_t height,
    /// CFDictionaryRef extensions, CMVideoFormatDescriptionRef *formatDescriptionOut) (CMFormatDescription.h): for codecs
    /// without parameter sets, such as ProRes.</summary>
    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial OSStatus CMVideoFormatDescriptionCreate(nint /* CFAllocatorRef */ allocator, uint /* CMVideoCodecType */ codecType,
        int width, int height, nint /* CFDictionaryRef */ extensions, nint* /* CMVideoFormatDescriptionRef* */ formatDescriptionOut);

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial OSStatus CMBlockBufferCreateWithMemoryBlock(nint /* CFAllocatorRef */ structureAllocator,
        void* /* void* */ memoryBlock, nuint /* size_t */ blockLength, nint /* CFAllocatorRef */ blockAllocator,
        void* /* const CMBlockBufferCustomBlockSource* */ customBlockSource, nuint /* size_t */ offsetToData,
        nuint /* size_t */ dataLength, uint /* CMBlockBufferFlags */ flags, nint* /* CMBlockBufferRef* */ blockBufferOut);

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial OSStatus CMBlockBufferReplaceDataBytes(void* /* const void* */ sourceBytes,
        nint /* CMBlockBufferRef */ destinationBuffer, nuint /* size_t */ offsetIntoDestination, nuint /* size_t */ dataLength);

    [LibraryImport(NativeLibraries.CoreMedia)]
    public static partial OSStatus CMSampleBufferCreateReady(nint /* CFAllocatorRef */ allocator,
        nint /* CMBlockBufferRef */ dataBuffer, nint /* CMFormatDescriptionRef */ formatDescription,
        CMItemCount numSamples, CMItemCount numSampleTimingEntries, CMSampleTimingInfo* /* const CMSampleTimingInfo* */ sampleTimingArray,
        CMItemCount numSampleSizeEntries, nuint* /* const size_t* */ sampleSizeArray, nint* /* CMSampleBufferRef* */ sampleBufferOut);

    /// <summary>True unless the first sample's attachments carry kCMSampleAttachmentKey_NotSync = true.</summary>
    public static bool IsSyncSample(nint sampleBuffer)
    {
        var attachments = CMSampleBufferGetSampleAttachmentsArray(sampleBuffer, 0);
        if (attachments == 0 || CoreFoundationNative.CFArrayGetCount(attachments) == 0)
        {
            return true;
        }

        var first = CoreFoundationNative.CFArrayGetValueAtIndex(attachments, 0);
        var notSync = CoreFoundationNative.CFDictionaryGetValue(first,
            VtExports.ValueOf("kCMSampleAttachmentKey_NotSync", VtFramework.CoreMedia));
        return notSync == 0 || CoreFoundationNative.CFBooleanGetValue(notSync) == 0;
    }

    /// <summary>Copies the sample's bytes (length-prefixed NAL units) into <paramref name="destination"/>.</summary>
    public static void CopySampleBytes(nint sampleBuffer, Span<byte> destination)
    {
        var block = CMSampleBufferGetDataBuffer(sampleBuffer);
        fixed (byte* target = destination)
        {
            var status = CMBlockBufferCopyDataBytes(block, 0, (nuint)destination.Length, target);
            VideoToolboxNative.Check(status, "CMBlockBufferCopyDataBytes");
        }
    }
}

/// <summary>An owned CMSampleBuffer built from one length-prefixed access unit.</summary>
[SupportedOSPlatform("macos")]
internal static unsafe class SampleBufferFactory
{
    public static SafeCFTypeHandle Create(ReadOnlySpan<byte> sample, SafeCFTypeHandle format, CMSampleTimingInfo timing)
    {
        nint block = 0;
        VideoToolboxNative.Check(CoreMediaNative.CMBlockBufferCreateWithMemoryBlock(0, null, (nuint)sample.Length, 0, null, 0,
            (nuint)sample.Length, CoreMediaNative.BlockBufferAssureMemoryNow, &block), "CMBlockBufferCreateWithMemoryBlock");
        using var ownedBlock = SafeCFTypeHandle.Own(block, "CMBlockBufferCreateWithMemoryBlock");
        fixed (byte* bytes = sample)
        {
            VideoToolboxNative.Check(CoreMediaNative.CMBlockBufferReplaceDataBytes(bytes, block, 0, (nuint)sample.Length),
                "CMBlockBufferReplaceDataBytes");
        }

        nint sampleBuffer = 0;
        var size = (nuint)sample.Length;
        var status = CoreMediaNative.CMSampleBufferCreateReady(0, block, format.DangerousGetHandle(), 1, 1, &timing, 1, &size, &sampleBuffer);
        GC.KeepAlive(format);
        GC.KeepAlive(ownedBlock);
        VideoToolboxNative.Check(status, "CMSampleBufferCreateReady");
        return SafeCFTypeHandle.Own(sampleBuffer, "CMSampleBufferCreateReady");
    }

    /// <summary>A CMVideoFormatDescription of a codec without parameter sets (ProRes).</summary>
    public static SafeCFTypeHandle CreateFormat(uint codecType, int width, int height)
    {
        nint format = 0;
        VideoToolboxNative.Check(CoreMediaNative.CMVideoFormatDescriptionCreate(0, codecType, width, height, 0, &format), "CMVideoFormatDescriptionCreate");
        return SafeCFTypeHandle.Own(format, "CMVideoFormatDescriptionCreate");
    }

    /// <summary>A CMVideoFormatDescription from raw parameter sets (NALUnitHeaderLength 4).</summary>
    public static SafeCFTypeHandle CreateFormat(Vtr.Shared.Media.VideoCodec codec, IReadOnlyList<byte[]> parameterSets)
    {
        var handles = new System.Runtime.InteropServices.GCHandle[parameterSets.Count];
        var pointers = stackalloc byte*[parameterSets.Count];
        var sizes = stackalloc nuint[parameterSets.Count];
        try
        {
            for (var i = 0; i < parameterSets.Count; i++)
            {
                handles[i] = System.Runtime.InteropServices.GCHandle.Alloc(parameterSets[i], System.Runtime.InteropServices.GCHandleType.Pinned);
                pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
                sizes[i] = (nuint)parameterSets[i].Length;
            }

            nint format = 0;
            var status = codec == Vtr.Shared.Media.VideoCodec.Hevc
                ? CoreMediaNative.CMVideoFormatDescriptionCreateFromHEVCParameterSets(0, (nuint)parameterSets.Count, pointers, sizes, 4, 0, &format)
                : CoreMediaNative.CMVideoFormatDescriptionCreateFromH264ParameterSets(0, (nuint)parameterSets.Count, pointers, sizes, 4, &format);
            VideoToolboxNative.Check(status, "CMVideoFormatDescriptionCreateFrom*ParameterSets");
            return SafeCFTypeHandle.Own(format, "CMVideoFormatDescriptionCreateFrom*ParameterSets");
        }
        finally
        {
            foreach (var handle in handles)
            {
                if (handle.IsAllocated)
                {
                    handle.Free();
                }
            }
        }
    }
}
