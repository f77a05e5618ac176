using System.Reflection;
using System.Runtime.InteropServices;

namespace Vtr.Native.FFmpeg;

/// <summary>
/// The FFmpeg library names used by <c>[LibraryImport]</c> (libavcodec, libavutil, libavformat, libswscale) and the one
/// resolver that maps them to real files. libavcodec and libavutil are loaded as a matching pair
/// (lavc 62 + lavu 60, 61 + 59, 60 + 58, 59 + 57): mixing majors from two FFmpeg installs would crash inside the codec.
/// libavformat belongs to the same release, so its major is libavcodec's (59 = FFmpeg 5.1, 60 = 6.x, 61 = 7.x, 62 = 8.x);
/// libswscale's is libavcodec's minus 53 (6 = FFmpeg 5.1, 7 = 6.x, 8 = 7.x, 9 = 8.x), libavfilter's minus 51 (8 = FFmpeg 5.1,
/// 9 = 6.x, 10 = 7.x, 11 = 8.x).
/// </summary>
public static class NativeLibraries
{
    public const string AvCodec = "avcodec";
    public const string AvUtil = "avutil";
    public const string AvFormat = "avformat";
    public const string SwScale = "swscale";
    public const string AvFilter = "avfilter";

    /// <summary>libswscale major = libavcodec major - 53 in every supported release (5.1: 59/6 ... 8.x: 62/9).</summary>
    private const int SwScaleMajorOffset = 53;

    /// <summary>libavfilter major = libavcodec major - 51 in every supported release (5.1: 59/8 ... 8.x: 62/11).</summary>
    internal const int AvFilterMajorOffset = 51;

    /// <summary>(libavcodec major, libavutil major) pairs, newest first: FFmpeg 8.x, 7.x, 6.x, 5.1.</summary>
    internal static readonly (int Codec, int Util)[] SupportedMajors = [(62, 60), (61, 59), (60, 58), (59, 57)];

    private static readonly Lock Gate = new();
    private static bool _resolverInstalled;
    private static (nint Codec, nint Util)? _loaded;
    private static nint? _format;
    private static nint? _scale;
    private static nint? _filter;

    /// <summary>
    /// Installs the resolver for this assembly, which holds every FFmpeg <c>[LibraryImport]</c> of the product
    /// (<see cref="NativeLibrary.SetDllImportResolver"/> is per assembly). Safe to call many times.
    /// </summary>
    public static void EnsureResolver()
    {
        lock (Gate)
        {
            if (_resolverInstalled)
            {
                return;
            }

            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
            _resolverInstalled = true;
        }
    }

    /// <summary>The address of a libavcodec export (for function pointers libavcodec compares against).</summary>
    public static nint CodecExport(string name)
    {
        lock (Gate)
        {
            _loaded ??= LoadPair();
            var codec = _loaded.Value.Codec;
            return codec != 0 && NativeLibrary.TryGetExport(codec, name, out var export) ? export : 0;
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName is not (AvCodec or AvUtil or AvFormat or SwScale or AvFilter))
        {
            return 0;
        }

        lock (Gate)
        {
            _loaded ??= LoadPair();
            return libraryName switch
            {
                AvCodec => _loaded.Value.Codec,
                AvUtil => _loaded.Value.Util,
                SwScale => _scale ??= LoadCompanion(SwScale, CodecMajor(_loaded.Value.Codec) - SwScaleMajorOffset),
                AvFilter => _filter ??= LoadCompanion(AvFilter, CodecMajor(_loaded.Value.Codec) - AvFilterMajorOffset),
                _ => _format ??= LoadFormat(_loaded.Value.Codec),
            };
        }
    }

    private static (nint, nint) LoadPair()
    {
        foreach (var (codecMajor, utilMajor) in SupportedMajors)
        {
            foreach (var dir in SearchDirectories())
            {
                if (TryLoad(FileName(AvCodec, codecMajor, dir), out var codec)
                    && TryLoad(FileName(AvUtil, utilMajor, dir), out var util))
                {
                    return (codec, util);
                }
            }
        }

        // Unversioned development names: the major is checked after loading by FFmpegRuntime.
        foreach (var dir in SearchDirectories())
        {
            if (TryLoad(FileName(AvCodec, null, dir), out var codec) && TryLoad(FileName(AvUtil, null, dir), out var util))
            {
                return (codec, util);
            }
        }

        return (0, 0);
    }

    /// <summary>libavformat with the loaded libavcodec's major, else the unversioned name (AvFormatRuntime checks it).</summary>
    private static nint LoadFormat(nint codec) => LoadCompanion(AvFormat, CodecMajor(codec));

    /// <summary>A library of the loaded libavcodec's release: <paramref name="major"/> first, else the unversioned name.</summary>
    private static nint LoadCompanion(string library, int? major)
    {
        foreach (var candidate in major is null ? [null] : new int?[] { major, null })
        {
            foreach (var dir in SearchDirectories())
            {
                if (TryLoad(FileName(library, candidate, dir), out var loaded))
                {
                    return loaded;
                }
            }
        }

        return 0;
    }

    /// <summary>avcodec_version() of an already loaded libavcodec, called through its export (no resolver re-entry).</summary>
    private static unsafe int? CodecMajor(nint codec)
    {
        if (codec == 0 || !NativeLibrary.TryGetExport(codec, "avcodec_version", out var export))
        {
            return null;
        }

        return (int)(((delegate* unmanaged<uint>)export)() >> 16);
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
