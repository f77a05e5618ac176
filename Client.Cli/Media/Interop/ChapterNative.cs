using System.Runtime.InteropServices;
using Vtr.Node.Codecs.FFmpeg.Interop;

namespace Vtr.Cli.Media.Interop;

/// <summary>
/// What copying chapters needs: libavformat has no public call that adds one to a muxing context, so (as ffmpeg's own
/// chapter copy does) an AVChapter is av_mallocz'd, filled, and appended to AVFormatContext.chapters, which
/// avformat_free_context then frees with its metadata.
/// </summary>
internal static partial class ChapterNative
{
    /// <summary>sizeof(AVChapter): int64_t id; AVRational time_base; int64_t start, end; AVDictionary *metadata (libavformat 59–62).</summary>
    public const int ChapterSize = 40;
    public const int ChapterId = 0;
    public const int ChapterTimeBase = 8;
    public const int ChapterStart = 16;
    public const int ChapterEnd = 24;
    public const int ChapterMetadata = 32;

    static ChapterNative() => NativeLibraries.EnsureResolver(typeof(ChapterNative).Assembly);

    /// <summary>int av_dynarray_add_nofree(void *tab_ptr, int *nb_ptr, void *elem): 0, or AVERROR(ENOMEM) leaving the array as it was.</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_dynarray_add_nofree")]
    public static partial int av_dynarray_add_nofree(nint arrayField, nint countField, nint element);

    /// <summary>void av_free(void *ptr)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_free")]
    public static partial void av_free(nint pointer);
}
