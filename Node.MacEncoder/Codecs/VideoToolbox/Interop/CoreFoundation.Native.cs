using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using CFIndex = nint;

namespace Vtr.Node.Codecs.VideoToolbox.Interop;

/// <summary>CoreFoundation: reference counting, numbers, dictionaries, arrays and data.</summary>
[SupportedOSPlatform("macos")]
internal static unsafe partial class CoreFoundationNative
{
    /// <summary>CFNumberType values (CFNumber.h).</summary>
    public const CFIndex NumberSInt32Type = 3;
    public const CFIndex NumberSInt64Type = 4;
    public const CFIndex NumberFloat64Type = 6;

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial void CFRelease(nint /* CFTypeRef */ cf);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial nint /* CFTypeRef */ CFRetain(nint /* CFTypeRef */ cf);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial nint /* CFNumberRef */ CFNumberCreate(nint /* CFAllocatorRef */ allocator,
        CFIndex /* CFNumberType */ theType, void* /* const void* */ valuePtr);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial nint /* CFDataRef */ CFDataCreate(nint /* CFAllocatorRef */ allocator, byte* /* const UInt8* */ bytes, CFIndex length);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial nint /* CFMutableDictionaryRef */ CFDictionaryCreateMutable(nint /* CFAllocatorRef */ allocator,
        CFIndex capacity, nint /* const CFDictionaryKeyCallBacks* */ keyCallBacks,
        nint /* const CFDictionaryValueCallBacks* */ valueCallBacks);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial void CFDictionarySetValue(nint /* CFMutableDictionaryRef */ theDict,
        nint /* const void* */ key, nint /* const void* */ value);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial nint /* const void* */ CFDictionaryGetValue(nint /* CFDictionaryRef */ theDict, nint /* const void* */ key);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial nint /* CFArrayRef */ CFArrayCreate(nint /* CFAllocatorRef */ allocator,
        nint* /* const void** */ values, CFIndex numValues, nint /* const CFArrayCallBacks* */ callBacks);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial CFIndex CFArrayGetCount(nint /* CFArrayRef */ theArray);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial nint /* const void* */ CFArrayGetValueAtIndex(nint /* CFArrayRef */ theArray, CFIndex idx);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial byte /* Boolean */ CFBooleanGetValue(nint /* CFBooleanRef */ boolean);

    /// <summary>Owned CFNumber (SInt32).</summary>
    public static SafeCFTypeHandle CreateNumber(int value) => SafeCFTypeHandle.Own(CFNumberCreate(0, NumberSInt32Type, &value), "CFNumberCreate");

    public static SafeCFTypeHandle CreateNumber(long value) => SafeCFTypeHandle.Own(CFNumberCreate(0, NumberSInt64Type, &value), "CFNumberCreate");

    public static SafeCFTypeHandle CreateNumber(double value) => SafeCFTypeHandle.Own(CFNumberCreate(0, NumberFloat64Type, &value), "CFNumberCreate");

    /// <summary>Owned CFData holding a copy of <paramref name="bytes"/>.</summary>
    public static SafeCFTypeHandle CreateData(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* pointer = bytes)
        {
            return SafeCFTypeHandle.Own(CFDataCreate(0, pointer, bytes.Length), "CFDataCreate");
        }
    }

    /// <summary>A mutable dictionary that retains its keys and values (kCFTypeDictionary*CallBacks).</summary>
    public static SafeCFTypeHandle CreateMutableDictionary() => SafeCFTypeHandle.Own(
        CFDictionaryCreateMutable(0, 0, VtExports.AddressOf("kCFTypeDictionaryKeyCallBacks", VtFramework.CoreFoundation),
            VtExports.AddressOf("kCFTypeDictionaryValueCallBacks", VtFramework.CoreFoundation)),
        "CFDictionaryCreateMutable");

    public static void SetValue(SafeCFTypeHandle dictionary, nint key, SafeHandle value)
    {
        CFDictionarySetValue(dictionary.DangerousGetHandle(), key, value.DangerousGetHandle());
        GC.KeepAlive(dictionary);
        GC.KeepAlive(value);
    }

    /// <summary>A CFArray of two CF objects, retained by the array (kCFTypeArrayCallBacks).</summary>
    public static SafeCFTypeHandle CreatePair(SafeCFTypeHandle first, SafeCFTypeHandle second)
    {
        var values = stackalloc nint[2] { first.DangerousGetHandle(), second.DangerousGetHandle() };
        var array = CFArrayCreate(0, values, 2, VtExports.AddressOf("kCFTypeArrayCallBacks", VtFramework.CoreFoundation));
        GC.KeepAlive(first);
        GC.KeepAlive(second);
        return SafeCFTypeHandle.Own(array, "CFArrayCreate");
    }
}

/// <summary>One owned reference to a CF object; ReleaseHandle calls CFRelease.</summary>
[SupportedOSPlatform("macos")]
internal sealed class SafeCFTypeHandle : SafeHandle
{
    public SafeCFTypeHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Takes ownership of a +1 reference (a Create/Copy result); throws if the call returned NULL.</summary>
    public static SafeCFTypeHandle Own(nint reference, string operation)
    {
        if (reference == 0)
        {
            throw new VideoToolboxException($"{operation} returned NULL");
        }

        var owned = new SafeCFTypeHandle();
        owned.SetHandle(reference);
        return owned;
    }

    /// <summary>Retains a borrowed (+0) reference so it can be owned.</summary>
    public static SafeCFTypeHandle Retain(nint borrowed, string operation) =>
        Own(borrowed == 0 ? 0 : CoreFoundationNative.CFRetain(borrowed), operation);

    protected override bool ReleaseHandle()
    {
        CoreFoundationNative.CFRelease(handle);
        return true;
    }
}
