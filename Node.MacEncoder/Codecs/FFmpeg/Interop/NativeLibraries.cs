using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Vtr.Node.Codecs.FFmpeg.Interop;

/// <summary>
/// The libavcodec/libavutil names used by <c>[LibraryImport]</c> and the resolver that maps them to a real file.
/// libavcodec and libavutil are loaded as a matching pair (lavc 61 + lavu 59, 60 + 58, 59 + 57): mixing
/// majors from two FFmpeg installs would crash inside the codec.
/// </summary>
public static class NativeLibraries
{
    public const string AvCodec = "avcodec";
    public const string AvUtil = "avutil";

    /// <summary>(libavcodec major, libavutil major) pairs, newest first: FFmpeg 7.x, 6.x, 5.1.</summary>
    internal static readonly (int Codec, int Util)[] SupportedMajors = [(61, 59), (60, 58), (59, 57)];

    private static readonly Lock Gate = new();
    private static bool _registered;
    private static (nint Codec, nint Util)? _loaded;

    /// <summary>Installs the resolver once for this assembly. Safe to call many times.</summary>
    public static void EnsureResolver()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            _registered = true;
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // Another backend in this assembly already owns the per-assembly resolver; the load-context
                // event is consulted after it declines, so both can coexist.
                AssemblyLoadContext.Default.ResolvingUnmanagedDll += (assembly, name) =>
                    assembly == typeof(NativeLibraries).Assembly ? Resolve(name, assembly, null) : 0;
            }
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName is not (AvCodec or AvUtil))
        {
            return 0;
        }

        lock (Gate)
        {
            _loaded ??= LoadPair();
            return libraryName == AvCodec ? _loaded.Value.Codec : _loaded.Value.Util;
        }
    }

    private static (nint, nint) LoadPair()
    {
        foreach (var (codecMajor, utilMajor) in SupportedMajors)
        {
            foreach (var dir in SearchDirectories())
            {
                if (TryLoad(FileName("avcodec", codecMajor, dir), out var codec)
                    && TryLoad(FileName("avutil", utilMajor, dir), out var util))
                {
                    return (codec, util);
                }
            }
        }

        // Unversioned development names: the major is checked after loading by FFmpegRuntime.
        foreach (var dir in SearchDirectories())
        {
            if (TryLoad(FileName("avcodec", null, dir), out var codec) && TryLoad(FileName("avutil", null, dir), out var util))
            {
                return (codec, util);
            }
        }

        return (0, 0);
    }

    private static IEnumerable<string> SearchDirectories() =>
        OperatingSystem.IsMacOS() ? ["/opt/homebrew/lib", "/usr/local/lib", ""] : [""];

    private static string FileName(string lib, int? major, string dir)
    {
        var name = OperatingSystem.IsMacOS()
            ? major is { } m ? $"lib{lib}.{m}.dylib" : $"lib{lib}.dylib"
            : OperatingSystem.IsWindows()
                ? major is { } w ? $"{lib}-{w}.dll" : $"{lib}.dll"
                : major is { } l ? $"lib{lib}.so.{l}" : $"lib{lib}.so";
        return dir.Length == 0 ? name : Path.Combine(dir, name);
    }

    private static bool TryLoad(string path, out nint handle) => NativeLibrary.TryLoad(path, out handle);
}
