using System.Runtime.InteropServices;

namespace Vtr.Native.FFmpeg;

/// <summary>
/// Stream-level side data (mastering display, content light level). libavformat 59/60 keep it on the AVStream
/// (<c>av_stream_get_side_data</c>/<c>av_stream_new_side_data</c>, removed in 61 with FF_API_AVSTREAM_SIDE_DATA);
/// libavcodec 60.31 (FFmpeg 6.1) added AVCodecParameters.coded_side_data with the <c>av_packet_side_data_*</c> calls,
/// the only place from libavformat 61 on. Entry points bind on first call, so a release lacking one never calls it.
/// </summary>
// The C names are kept so every call greps straight to FFmpeg's headers.
#pragma warning disable CA1401, CA1707
public static unsafe partial class SideDataNative
{
    /// <summary>AV_PKT_DATA_MASTERING_DISPLAY_METADATA (libavcodec/packet.h; the enum only grows at its end).</summary>
    public const int MasteringDisplayMetadata = 20;

    /// <summary>AV_PKT_DATA_CONTENT_LIGHT_LEVEL.</summary>
    public const int ContentLightLevel = 22;

    /// <summary>The side data of <paramref name="type"/> on a stream, or empty.</summary>
    public static ReadOnlySpan<byte> Find(AvFormatLayout layout, nint stream, int type)
    {
        nint data;
        nuint size;
        if (layout.ParametersCodedSideData < 0)
        {
            data = av_stream_get_side_data(stream, type, out size);
        }
        else
        {
            var parameters = AvFormatFields.StreamParameters(layout, stream);
            var entry = av_packet_side_data_get(
                *(nint*)(parameters + layout.ParametersCodedSideData), *(int*)(parameters + layout.ParametersCodedSideDataCount), type);
            // AVPacketSideData: uint8_t *data; size_t size; enum type.
            data = entry == 0 ? 0 : *(nint*)entry;
            size = entry == 0 ? 0 : *(nuint*)(entry + 8);
        }

        return data == 0 || size == 0 || size > int.MaxValue ? [] : new ReadOnlySpan<byte>((void*)data, (int)size);
    }

    /// <summary>New zeroed side data of <paramref name="type"/> on a stream of an output context (before its header is
    /// written), owned by the stream; empty when allocation failed.</summary>
    public static Span<byte> Add(AvFormatLayout layout, nint stream, int type, int size)
    {
        nint data;
        if (layout.ParametersCodedSideData < 0)
        {
            data = av_stream_new_side_data(stream, type, (nuint)size);
        }
        else
        {
            var parameters = AvFormatFields.StreamParameters(layout, stream);
            var entry = av_packet_side_data_new(
                parameters + layout.ParametersCodedSideData, parameters + layout.ParametersCodedSideDataCount, type, (nuint)size, 0);
            data = entry == 0 ? 0 : *(nint*)entry;
        }

        if (data == 0)
        {
            return [];
        }

        var span = new Span<byte>((void*)data, size);
        span.Clear();
        return span;
    }

    /// <summary>uint8_t *av_stream_get_side_data(const AVStream *stream, enum AVPacketSideDataType type, size_t *size) (lavf &lt; 61)</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "av_stream_get_side_data")]
    private static partial nint av_stream_get_side_data(nint stream, int type, out nuint size);

    /// <summary>uint8_t *av_stream_new_side_data(AVStream *stream, enum AVPacketSideDataType type, size_t size) (lavf &lt; 61)</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "av_stream_new_side_data")]
    private static partial nint av_stream_new_side_data(nint stream, int type, nuint size);

    /// <summary>const AVPacketSideData *av_packet_side_data_get(const AVPacketSideData *sd, int nb_sd, enum AVPacketSideDataType type) (lavc ≥ 60.31)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_packet_side_data_get")]
    private static partial nint av_packet_side_data_get(nint sideData, int count, int type);

    /// <summary>AVPacketSideData *av_packet_side_data_new(AVPacketSideData **psd, int *pnb_sd, enum AVPacketSideDataType type, size_t size, int flags) (lavc ≥ 60.31)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_packet_side_data_new")]
    private static partial nint av_packet_side_data_new(nint sideDataField, nint countField, int type, nuint size, int flags);
}
