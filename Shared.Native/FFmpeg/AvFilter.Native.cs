using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Vtr.Native.FFmpeg;

#pragma warning disable CA1401, CA1707 // P/Invokes keep FFmpeg's C names and are public for the interop tests.

/// <summary>
/// libavfilter: building a small graph by hand (buffer sources, filters, a buffer sink) and pushing frames through it.
/// Only functions whose signatures are the same in libavfilter 8 (FFmpeg 5.1), 9 (6.x), 10 (7.x) and 11 (8.x)
/// (libavfilter/avfilter.h, buffersrc.h, buffersink.h); AVFilterGraph and AVFilterContext stay opaque.
/// </summary>
public static partial class AvFilterNative
{
    /// <summary>unsigned avfilter_version(void)</summary>
    [LibraryImport(NativeLibraries.AvFilter, EntryPoint = "avfilter_version")]
    public static partial uint avfilter_version();

    /// <summary>AVFilterGraph *avfilter_graph_alloc(void)</summary>
    [LibraryImport(NativeLibraries.AvFilter, EntryPoint = "avfilter_graph_alloc")]
    public static partial SafeFilterGraphHandle avfilter_graph_alloc();

    /// <summary>void avfilter_graph_free(AVFilterGraph **graph): frees every filter context of the graph too.</summary>
    [LibraryImport(NativeLibraries.AvFilter, EntryPoint = "avfilter_graph_free")]
    public static partial void avfilter_graph_free(ref nint graph);

    /// <summary>const AVFilter *avfilter_get_by_name(const char *name): NULL when this build lacks it.</summary>
    [LibraryImport(NativeLibraries.AvFilter, EntryPoint = "avfilter_get_by_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint avfilter_get_by_name(string name);

    /// <summary>int avfilter_graph_create_filter(AVFilterContext **filt_ctx, const AVFilter *filt, const char *name,
    /// const char *args, void *opaque, AVFilterGraph *graph_ctx): the context belongs to the graph.</summary>
    [LibraryImport(NativeLibraries.AvFilter, EntryPoint = "avfilter_graph_create_filter", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int avfilter_graph_create_filter(out nint context, nint filter, string name, string? args, nint opaque, SafeFilterGraphHandle graph);

    /// <summary>int avfilter_link(AVFilterContext *src, unsigned srcpad, AVFilterContext *dst, unsigned dstpad)</summary>
    [LibraryImport(NativeLibraries.AvFilter, EntryPoint = "avfilter_link")]
    public static partial int avfilter_link(nint source, uint sourcePad, nint destination, uint destinationPad);

    /// <summary>int avfilter_graph_config(AVFilterGraph *graphctx, void *log_ctx): checks links, negotiates formats
    /// (inserting scale filters where two pads disagree).</summary>
    [LibraryImport(NativeLibraries.AvFilter, EntryPoint = "avfilter_graph_config")]
    public static partial int avfilter_graph_config(SafeFilterGraphHandle graph, nint logContext);

    /// <summary>int av_buffersrc_add_frame_flags(AVFilterContext *buffer_src, AVFrame *frame, int flags): with flags 0
    /// the frame's references move into the graph (the frame comes back blank); a NULL frame marks the end.</summary>
    [LibraryImport(NativeLibraries.AvFilter, EntryPoint = "av_buffersrc_add_frame_flags")]
    public static partial int av_buffersrc_add_frame_flags(nint source, nint frame, int flags);

    /// <summary>int av_buffersink_get_frame(AVFilterContext *ctx, AVFrame *frame): EAGAIN = needs input, EOF = done.</summary>
    [LibraryImport(NativeLibraries.AvFilter, EntryPoint = "av_buffersink_get_frame")]
    public static partial int av_buffersink_get_frame(nint sink, SafeFrameHandle frame);
}

/// <summary>An owned AVFilterGraph*; releasing it frees the graph with all its filter contexts.</summary>
public sealed class SafeFilterGraphHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeFilterGraphHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        var pointer = handle;
        AvFilterNative.avfilter_graph_free(ref pointer);
        return true;
    }
}
#pragma warning restore CA1401, CA1707
