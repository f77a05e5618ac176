using System.Runtime.InteropServices;

namespace Vtr.Native.FFmpeg;

/// <summary>
/// Chapter copy: libavformat has no public call that adds a chapter to a muxing context, so (as ffmpeg's own chapter
/// copy does) an AVChapter is av_mallocz'd, filled, and appended to AVFormatContext.chapters, which
/// avformat_free_context then frees with its metadata.
/// </summary>
// The C names are kept so every call greps straight to FFmpeg's headers.
#pragma warning disable CA1401, CA1707
public static unsafe partial class ChapterNative
{
    /// <summary>sizeof(AVChapter): int64_t id; AVRational time_base; int64_t start, end; AVDictionary *metadata (libavformat 59–62).</summary>
    public const int ChapterSize = 40;
    private const int ChapterMetadata = 32;

    /// <summary>AV_DICT_DONT_OVERWRITE.</summary>
    private const int DontOverwrite = 16;

    /// <summary>Appends a copy of every chapter of <paramref name="input"/> (id, time base, start, end, tags) to
    /// <paramref name="output"/>; 0, or the AVERROR of the first failure.</summary>
    public static int CopyAll(AvFormatLayout layout, nint input, nint output)
    {
        var (chapters, count) = AvFormatFields.ChapterFields(layout, output);
        for (var i = 0; i < AvFormatFields.ChapterCount(layout, input); i++)
        {
            var source = AvFormatFields.Chapter(layout, input, i);
            var chapter = AvUtilNative.av_mallocz(ChapterSize);
            if (chapter == 0)
            {
                return -12; // AVERROR(ENOMEM)
            }

            new ReadOnlySpan<byte>((void*)source, ChapterMetadata).CopyTo(new Span<byte>((void*)chapter, ChapterMetadata));
            var added = av_dynarray_add_nofree(chapters, count, chapter);
            if (added < 0)
            {
                av_free(chapter);
                return added;
            }

            var sourceTags = *(nint*)(source + ChapterMetadata);
            var copied = sourceTags == 0 ? 0 : AvUtilNative.av_dict_copy(chapter + ChapterMetadata, sourceTags, DontOverwrite);
            if (copied < 0)
            {
                return copied;
            }
        }

        return 0;
    }

    /// <summary>int av_dynarray_add_nofree(void *tab_ptr, int *nb_ptr, void *elem): 0, or AVERROR(ENOMEM) leaving the array as it was.</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_dynarray_add_nofree")]
    private static partial int av_dynarray_add_nofree(nint arrayField, nint countField, nint element);

    /// <summary>void av_free(void *ptr)</summary>
    [LibraryImport(NativeLibraries.AvUtil, EntryPoint = "av_free")]
    private static partial void av_free(nint pointer);
}
