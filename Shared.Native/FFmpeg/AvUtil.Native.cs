using System.Runtime.InteropServices;

namespace Vtr.Native.FFmpeg;

/// <summary>
/// AVRational {int num; int den;}: blittable, so it passes by value to av_opt_set_q, av_rescale_q, av_compare_ts and
/// av_packet_rescale_ts, and is read in place from AVStream/AVBSFContext fields. Every import taking it is declared in
/// this assembly, so callers (the node, the CLI) need no marshalling of their own.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct AvRational(int Num, int Den);

/// <summary>libavutil entry points: versions, frames, AVOptions, dictionaries, errors, memory.</summary>
// The C names are kept so every call greps straight to FFmpeg's headers; public for the node and the CLI
// (STYLE.md §2.5 wraps only what needs wrapping).
#pragma warning disable CA1401, CA1707
public static partial class AvUtilNative
{
    /// <summary>av_opt_* search flag: also look in the codec's private class (x264/x265 options).</summary>
    public const int OptSearchChildren = 1;

    /// <summary>enum AVMediaType (avutil.h).</summary>
    public const int MediaTypeVideo = 0;
    public const int MediaTypeAudio = 1;
    public const int MediaTypeData = 2;
    public const int MediaTypeSubtitle = 3;
    public const int MediaTypeAttachment = 4;

    public const int LogQuiet = -8;
    public const int LogError = 16;

    /// <summary>unsigned avutil_version(void)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "avutil_version")]
    public static partial uint avutil_version();

    /// <summary>void av_log_set_level(int level)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_log_set_level")]
    public static partial void av_log_set_level(int level);

    /// <summary>int av_strerror(int errnum, char *errbuf, size_t errbuf_size)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_strerror")]
    public static unsafe partial int av_strerror(int errnum, byte* buffer, nuint bufferSize);

    /// <summary>AVFrame *av_frame_alloc(void)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_frame_alloc")]
    public static partial SafeFrameHandle av_frame_alloc();

    /// <summary>void av_frame_free(AVFrame **frame)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_frame_free")]
    public static partial void av_frame_free(ref nint frame);

    /// <summary>void av_frame_unref(AVFrame *frame)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_frame_unref")]
    public static partial void av_frame_unref(SafeFrameHandle frame);

    /// <summary>int av_frame_ref(AVFrame *dst, const AVFrame *src): dst must be blank.</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_frame_ref")]
    public static partial int av_frame_ref(SafeFrameHandle destination, nint source);

    /// <summary>const AVOption *av_opt_next(const void *obj, const AVOption *prev): NULL after the last.</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_opt_next")]
    public static partial nint av_opt_next(SafeCodecContextHandle obj, nint previous);

    /// <summary>int av_frame_get_buffer(AVFrame *frame, int align)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_frame_get_buffer")]
    public static partial int av_frame_get_buffer(SafeFrameHandle frame, int align);

    /// <summary>int av_frame_is_writable(AVFrame *frame): 1 when this frame holds the only reference to each of its buffers.</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_frame_is_writable")]
    public static partial int av_frame_is_writable(SafeFrameHandle frame);

    /// <summary>int av_frame_make_writable(AVFrame *frame)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_frame_make_writable")]
    public static partial int av_frame_make_writable(SafeFrameHandle frame);

    /// <summary>int av_opt_set(void *obj, const char *name, const char *val, int search_flags)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_opt_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int av_opt_set(SafeCodecContextHandle obj, string name, string value, int searchFlags);

    /// <summary>int av_opt_set_int(void *obj, const char *name, int64_t val, int search_flags)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_opt_set_int", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int av_opt_set_int(SafeCodecContextHandle obj, string name, long value, int searchFlags);

    /// <summary>int av_opt_set_q(void *obj, const char *name, AVRational val, int search_flags)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_opt_set_q", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int av_opt_set_q(SafeCodecContextHandle obj, string name, AvRational value, int searchFlags);

    /// <summary>int av_opt_set_image_size(void *obj, const char *name, int w, int h, int search_flags)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_opt_set_image_size", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int av_opt_set_image_size(SafeCodecContextHandle obj, string name, int width, int height, int searchFlags);

    /// <summary>int av_opt_get_int(void *obj, const char *name, int search_flags, int64_t *out_val)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_opt_get_int", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int av_opt_get_int(SafeCodecContextHandle obj, string name, int searchFlags, out long value);

    /// <summary>int av_dict_set(AVDictionary **pm, const char *key, const char *value, int flags)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_dict_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int av_dict_set(ref nint dictionary, string key, string value, int flags);

    /// <summary>int av_dict_copy(AVDictionary **dst, const AVDictionary *src, int flags): 0 or AVERROR.</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_dict_copy")]
    public static partial int av_dict_copy(nint destinationField, nint source, int flags);

    /// <summary>AVDictionaryEntry *av_dict_get(const AVDictionary *m, const char *key, const AVDictionaryEntry *prev, int flags):
    /// the entry is {char *key; char *value;}.</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_dict_get", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint av_dict_get(nint dictionary, string key, nint previous, int flags);

    /// <summary>av_dict_set on a dictionary field of a struct (AVFormatContext/AVStream.metadata); a null value deletes the key.</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_dict_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int av_dict_set(nint dictionaryField, string key, string? value, int flags);

    /// <summary>void av_dict_free(AVDictionary **m)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_dict_free")]
    public static partial void av_dict_free(ref nint dictionary);

    /// <summary>enum AVPixelFormat av_get_pix_fmt(const char *name): -1 when unknown.</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_get_pix_fmt", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int av_get_pix_fmt(string name);

    /// <summary>const char *av_get_pix_fmt_name(enum AVPixelFormat pix_fmt): NULL when unknown.</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_get_pix_fmt_name")]
    public static partial nint av_get_pix_fmt_name(int pixelFormat);

    /// <summary>void *av_mallocz(size_t size): freed by whoever owns the field it is stored in.</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_mallocz")]
    public static partial nint av_mallocz(nuint size);

    /// <summary>int av_image_fill_linesizes(int linesizes[4], enum AVPixelFormat pix_fmt, int width)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_image_fill_linesizes")]
    public static unsafe partial int av_image_fill_linesizes(int* lineSizes, int pixelFormat, int width);

    /// <summary>int av_compare_ts(int64_t ts_a, AVRational tb_a, int64_t ts_b, AVRational tb_b): -1, 0 or 1, exact.</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_compare_ts")]
    public static partial int av_compare_ts(long a, AvRational timeBaseA, long b, AvRational timeBaseB);

    /// <summary>int64_t av_rescale_q(int64_t a, AVRational bq, AVRational cq): rounds to nearest.</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_rescale_q")]
    public static partial long av_rescale_q(long value, AvRational from, AvRational to);

    /// <summary>The value of <paramref name="key"/> in an AVDictionary*, or null (entry is {char *key; char *value;}).</summary>
    public static unsafe string? DictionaryValue(nint dictionary, string key)
    {
        if (dictionary == 0)
        {
            return null;
        }

        var entry = av_dict_get(dictionary, key, 0, 0);
        return entry == 0 ? null : Marshal.PtrToStringUTF8(*(nint*)(entry + IntPtr.Size));
    }

    /// <summary>av_get_pix_fmt_name as a string; "none" for AV_PIX_FMT_NONE (-1).</summary>
    public static string PixelFormatName(int format) =>
        format < 0 ? "none" : Marshal.PtrToStringUTF8(av_get_pix_fmt_name(format)) ?? $"pixel format {format}";
}
#pragma warning restore CA1401, CA1707
