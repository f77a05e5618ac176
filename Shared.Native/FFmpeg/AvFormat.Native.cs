using System.Runtime.InteropServices;

namespace Vtr.Native.FFmpeg;

/// <summary>
/// libavformat entry points (demuxing, muxing, avio). Contexts travel as their owning SafeHandles; out-pointers
/// are raw <c>nint</c> only until <see cref="SafeInputContextHandle"/>/<see cref="SafeOutputContextHandle"/> adopt them.
/// </summary>
// The C names are kept so every call greps straight to FFmpeg's headers.
#pragma warning disable CA1401, CA1707
public static partial class AvFormatNative
{
    public const int AVSEEK_FLAG_BACKWARD = 1;
    public const int AVIO_FLAG_WRITE = 2;
    public const int AVFMT_NOFILE = 0x0001;

    /// <summary>unsigned avformat_version(void)</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "avformat_version")]
    public static partial uint avformat_version();

    /// <summary>int avformat_open_input(AVFormatContext **ps, const char *url, const AVInputFormat *fmt, AVDictionary **options)</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "avformat_open_input", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int avformat_open_input(ref nint context, string url, nint inputFormat, nint options);

    /// <summary>int avformat_find_stream_info(AVFormatContext *ic, AVDictionary **options)</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "avformat_find_stream_info")]
    public static partial int avformat_find_stream_info(SafeInputContextHandle context, nint options);

    /// <summary>int av_find_best_stream(AVFormatContext *ic, enum AVMediaType type, int wanted, int related, const AVCodec **decoder, int flags)</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "av_find_best_stream")]
    public static partial int av_find_best_stream(SafeInputContextHandle context, int mediaType, int wanted, int related, nint decoder, int flags);

    /// <summary>int av_read_frame(AVFormatContext *s, AVPacket *pkt): one whole frame, or AVERROR_EOF.</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "av_read_frame")]
    public static partial int av_read_frame(SafeInputContextHandle context, nint packet);

    /// <summary>int av_seek_frame(AVFormatContext *s, int stream_index, int64_t timestamp, int flags)</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "av_seek_frame")]
    public static partial int av_seek_frame(SafeInputContextHandle context, int streamIndex, long timestamp, int flags);

    /// <summary>void avformat_close_input(AVFormatContext **s)</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "avformat_close_input")]
    public static partial void avformat_close_input(ref nint context);

    /// <summary>int avformat_alloc_output_context2(AVFormatContext **ctx, const AVOutputFormat *oformat, const char *format_name, const char *filename)</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "avformat_alloc_output_context2", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int avformat_alloc_output_context2(out nint context, nint outputFormat, string formatName, string fileName);

    /// <summary>AVStream *avformat_new_stream(AVFormatContext *s, const AVCodec *c): owned by the context.</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "avformat_new_stream")]
    public static partial nint avformat_new_stream(SafeOutputContextHandle context, nint codec);

    /// <summary>int avformat_query_codec(const AVOutputFormat *ofmt, enum AVCodecID codec_id, int std_compliance): 1 yes, 0 no, &lt;0 unknown.</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "avformat_query_codec")]
    public static partial int avformat_query_codec(nint outputFormat, int codecId, int compliance);

    /// <summary>int avio_open(AVIOContext **s, const char *url, int flags): <paramref name="ioField"/> is &amp;ctx-&gt;pb.</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "avio_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int avio_open(nint ioField, string url, int flags);

    /// <summary>int avio_closep(AVIOContext **s): flushes, closes and nulls the field.</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "avio_closep")]
    public static partial int avio_closep(nint ioField);

    /// <summary>int avformat_write_header(AVFormatContext *s, AVDictionary **options)</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "avformat_write_header")]
    public static partial int avformat_write_header(SafeOutputContextHandle context, nint options);

    /// <summary>int av_interleaved_write_frame(AVFormatContext *s, AVPacket *pkt): takes the packet's reference.</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "av_interleaved_write_frame")]
    public static partial int av_interleaved_write_frame(SafeOutputContextHandle context, nint packet);

    /// <summary>int av_write_trailer(AVFormatContext *s)</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "av_write_trailer")]
    public static partial int av_write_trailer(SafeOutputContextHandle context);

    /// <summary>void avformat_free_context(AVFormatContext *s)</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "avformat_free_context")]
    public static partial void avformat_free_context(nint context);
}
#pragma warning restore CA1401, CA1707
