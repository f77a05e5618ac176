using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Vtr.Node.Codecs.VideoToolbox.Interop;

/// <summary>
/// Reads exported constants (<c>const CFStringRef kVT…</c>, <c>kCFBooleanTrue</c>, callback structs) from the
/// framework export tables with <see cref="NativeLibrary.GetExport"/>; strings are never built from text.
/// </summary>
[SupportedOSPlatform("macos")]
internal static unsafe class VtExports
{
    // Process-wide caches of immutable OS data: framework handles and constant addresses never change once loaded.
    private static readonly ConcurrentDictionary<VtFramework, nint> Libraries = new();
    private static readonly ConcurrentDictionary<string, nint> Addresses = new(StringComparer.Ordinal);

    /// <summary>The address of an exported variable (for structs such as kCFTypeDictionaryKeyCallBacks).</summary>
    public static nint AddressOf(string name, VtFramework framework) =>
        Addresses.GetOrAdd(name, static (n, f) =>
        {
            var library = Libraries.GetOrAdd(f, static fw => NativeLibrary.Load(NativeLibraries.PathOf(fw)));
            return NativeLibrary.TryGetExport(library, n, out var address)
                ? address
                : throw new VideoToolboxException($"symbol {n} is not exported by {NativeLibraries.PathOf(f)} (older macOS?)");
        }, framework);

    /// <summary>The CF object a <c>const CFTypeRef</c> export points to (borrowed, never released).</summary>
    public static nint ValueOf(VtSymbol symbol) => *(nint*)AddressOf(symbol.Name, symbol.Framework);

    public static nint ValueOf(string name, VtFramework framework) => *(nint*)AddressOf(name, framework);

    /// <summary>True when the running macOS exports the symbol (newer keys such as SpatialAdaptiveQPLevel).</summary>
    public static bool IsExported(VtSymbol symbol)
    {
        try
        {
            _ = AddressOf(symbol.Name, symbol.Framework);
            return true;
        }
        catch (VideoToolboxException)
        {
            return false;
        }
    }
}
