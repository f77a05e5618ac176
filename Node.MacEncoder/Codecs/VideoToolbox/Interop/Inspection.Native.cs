using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using CFIndex = nint;
using OSStatus = int;

namespace Vtr.Node.Codecs.VideoToolbox.Interop;

/// <summary>
/// The calls only `vtr doctor` makes (VideoToolbox/VTSession.h, CoreFoundation/CFDictionary.h, CFString.h, CFBase.h),
/// kept apart from the encode path's imports.
/// </summary>
[SupportedOSPlatform("macos")]
internal static unsafe partial class VideoToolboxNative
{
    [LibraryImport(NativeLibraries.VideoToolbox)]
    public static partial OSStatus VTSessionCopySupportedPropertyDictionary(SafeHandle /* VTSessionRef */ session,
        nint* /* CFDictionaryRef* (+1) */ supportedPropertyDictionaryOut);
}

/// <summary>CoreFoundation reads for inspecting dictionaries VideoToolbox returns.</summary>
[SupportedOSPlatform("macos")]
internal static unsafe partial class CoreFoundationNative
{
    /// <summary>kCFStringEncodingUTF8 (CFString.h, CFStringBuiltInEncodings).</summary>
    public const uint StringEncodingUtf8 = 0x08000100;

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial CFIndex CFDictionaryGetCount(nint /* CFDictionaryRef */ theDict);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial void CFDictionaryGetKeysAndValues(nint /* CFDictionaryRef */ theDict, nint* /* const void** */ keys,
        nint* /* const void** */ values);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial byte /* Boolean */ CFStringGetCString(nint /* CFStringRef */ theString, byte* /* char* */ buffer,
        CFIndex bufferSize, uint /* CFStringEncoding */ encoding);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial byte /* Boolean */ CFEqual(nint /* CFTypeRef */ cf1, nint /* CFTypeRef */ cf2);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial nuint /* CFTypeID */ CFGetTypeID(nint /* CFTypeRef */ cf);

    [LibraryImport(NativeLibraries.CoreFoundation)]
    public static partial nuint /* CFTypeID */ CFDictionaryGetTypeID();

    /// <summary>The borrowed keys of a dictionary (+0: valid while the dictionary lives).</summary>
    public static nint[] KeysOf(nint dictionary)
    {
        var keys = new nint[(int)CFDictionaryGetCount(dictionary)];
        fixed (nint* k = keys)
        {
            CFDictionaryGetKeysAndValues(dictionary, k, null);
        }

        return keys;
    }

    /// <summary>A CFString as text; property names are short ASCII, so 256 bytes always hold one.</summary>
    public static string ToText(nint cfString)
    {
        Span<byte> buffer = stackalloc byte[256];
        fixed (byte* b = buffer)
        {
            if (CFStringGetCString(cfString, b, buffer.Length, StringEncodingUtf8) == 0)
            {
                return "?";
            }
        }

        var end = buffer.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? buffer : buffer[..end]);
    }
}
