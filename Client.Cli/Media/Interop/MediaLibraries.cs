using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Vtr.Node.Codecs.FFmpeg;

namespace Vtr.Cli.Media.Interop;

/// <summary>
/// Library names for this assembly's <c>[LibraryImport]</c>s and the resolver that maps them to versioned files.
/// libavcodec/libavutil are whatever <see cref="FFmpegRuntime"/> loaded; libavformat must be the same release,
/// whose major equals libavcodec's (59 = FFmpeg 5.1, 60 = 6.x, 61 = 7.x).
/// </summary>
internal static class MediaLibraries
{
    public const string AvFormat = "avformat";
    public const string AvCodec = "avcodec";
    public const string AvUtil = "avutil";

    private static readonly Lock Gate = new();
    private static bool _registered;

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
                NativeLibrary.SetDllImportResolver(typeof(MediaLibraries).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // Another part of this assembly installed the per-assembly resolver first; the load-context event
                // is consulted after it declines.
                AssemblyLoadContext.Default.ResolvingUnmanagedDll += (assembly, name) =>
                    assembly == typeof(MediaLibraries).Assembly ? Resolve(name, assembly, null) : 0;
            }
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName is not (AvFormat or AvCodec or AvUtil))
        {
            return 0;
        }

        var runtime = FFmpegRuntime.TryLoad(out _);
        var major = libraryName switch
        {
            AvUtil => runtime?.UtilMajor,
            _ => runtime?.CodecMajor,
        };
        foreach (var candidate in FileNames(libraryName, major))
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return 0;
    }

    private static IEnumerable<string> FileNames(string library, int? major)
    {
        if (major is { } m)
        {
            yield return OperatingSystem.IsMacOS() ? $"lib{library}.{m}.dylib" : $"lib{library}.so.{m}";
            if (OperatingSystem.IsMacOS())
            {
                yield return $"/opt/homebrew/lib/lib{library}.{m}.dylib";
                yield return $"/usr/local/lib/lib{library}.{m}.dylib";
            }
        }

        yield return OperatingSystem.IsMacOS() ? $"lib{library}.dylib" : $"lib{library}.so";
    }
}
