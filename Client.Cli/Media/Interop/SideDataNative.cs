using System.Runtime.InteropServices;
using Vtr.Node.Codecs.FFmpeg.Interop;

namespace Vtr.Cli.Media.Interop;

/// <summary>
/// Stream-level side data (mastering display, content light level). libavformat 59/60 keep it on the AVStream
/// (<c>av_stream_get_side_data</c>/<c>av_stream_new_side_data</c>, removed in 61 with FF_API_AVSTREAM_SIDE_DATA);
/// libavcodec 60.31 (FFmpeg 6.1) added AVCodecParameters.coded_side_data with the <c>av_packet_side_data_*</c> calls,
/// the only place from libavformat 61 on. Entry points bind on first call, so a release lacking one never calls it.
/// </summary>
internal static partial class SideDataNative
{
    /// <summary>AV_PKT_DATA_MASTERING_DISPLAY_METADATA (libavcodec/packet.h; the enum only grows at its end).</summary>
    public const int MasteringDisplayMetadata = 20;

    /// <summary>AV_PKT_DATA_CONTENT_LIGHT_LEVEL.</summary>
    public const int ContentLightLevel = 22;

    static SideDataNative() => NativeLibraries.EnsureResolver(typeof(SideDataNative).Assembly);

    /// <summary>uint8_t *av_stream_get_side_data(const AVStream *stream, enum AVPacketSideDataType type, size_t *size) (lavf &lt; 61)</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "av_stream_get_side_data")]
    public static partial nint av_stream_get_side_data(nint stream, int type, out nuint size);

    /// <summary>uint8_t *av_stream_new_side_data(AVStream *stream, enum AVPacketSideDataType type, size_t size) (lavf &lt; 61)</summary>
    [LibraryImport(NativeLibraries.AvFormat, EntryPoint = "av_stream_new_side_data")]
    public static partial nint av_stream_new_side_data(nint stream, int type, nuint size);

    /// <summary>const AVPacketSideData *av_packet_side_data_get(const AVPacketSideData *sd, int nb_sd, enum AVPacketSideDataType type) (lavc ≥ 60.31)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_packet_side_data_get")]
    public static partial nint av_packet_side_data_get(nint sideData, int count, int type);

    /// <summary>AVPacketSideData *av_packet_side_data_new(AVPacketSideData **psd, int *pnb_sd, enum AVPacketSideDataType type, size_t size, int flags) (lavc ≥ 60.31)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_packet_side_data_new")]
    public static partial nint av_packet_side_data_new(nint sideDataField, nint countField, int type, nuint size, int flags);
}
