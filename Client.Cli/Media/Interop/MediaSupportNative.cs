using System.Runtime.InteropServices;

namespace Vtr.Cli.Media.Interop;

/// <summary>
/// The libavcodec/libavutil functions media I/O needs that AvCodecNative/AvUtilNative (Node.MacEncoder)
/// do not declare (yet): codec names, parameter copies, bitstream filters, timestamp arithmetic. Candidates for
/// consolidation into those classes.
/// </summary>
internal static partial class MediaSupportNative
{
    public const int AVMEDIA_TYPE_VIDEO = 0;
    public const int AVMEDIA_TYPE_AUDIO = 1;
    public const int AVMEDIA_TYPE_DATA = 2;
    public const int AVMEDIA_TYPE_SUBTITLE = 3;
    public const int AVMEDIA_TYPE_ATTACHMENT = 4;
    public const int AV_CODEC_ID_H264 = 27;
    public const int AV_CODEC_ID_HEVC = 173;
    public const int FF_COMPLIANCE_NORMAL = 0;
    public const int AV_PKT_FLAG_KEY = 1;
    public const long AV_NOPTS_VALUE = long.MinValue;

    /// <summary>AV_INPUT_BUFFER_PADDING_SIZE: zeroed bytes every extradata/packet buffer must carry.</summary>
    public const int AV_INPUT_BUFFER_PADDING_SIZE = 64;

    static MediaSupportNative() => MediaLibraries.EnsureResolver();

    /// <summary>const char *avcodec_get_name(enum AVCodecID id): never NULL.</summary>
    [LibraryImport(MediaLibraries.AvCodec, EntryPoint = "avcodec_get_name")]
    public static partial nint avcodec_get_name(int codecId);

    /// <summary>int avcodec_parameters_copy(AVCodecParameters *dst, const AVCodecParameters *src)</summary>
    [LibraryImport(MediaLibraries.AvCodec, EntryPoint = "avcodec_parameters_copy")]
    public static partial int avcodec_parameters_copy(nint destination, nint source);

    /// <summary>const AVBitStreamFilter *av_bsf_get_by_name(const char *name)</summary>
    [LibraryImport(MediaLibraries.AvCodec, EntryPoint = "av_bsf_get_by_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint av_bsf_get_by_name(string name);

    /// <summary>int av_bsf_alloc(const AVBitStreamFilter *filter, AVBSFContext **ctx)</summary>
    [LibraryImport(MediaLibraries.AvCodec, EntryPoint = "av_bsf_alloc")]
    public static partial int av_bsf_alloc(nint filter, out nint context);

    /// <summary>int av_bsf_init(AVBSFContext *ctx)</summary>
    [LibraryImport(MediaLibraries.AvCodec, EntryPoint = "av_bsf_init")]
    public static partial int av_bsf_init(SafeBitstreamFilterHandle context);

    /// <summary>int av_bsf_send_packet(AVBSFContext *ctx, AVPacket *pkt): takes the packet's reference.</summary>
    [LibraryImport(MediaLibraries.AvCodec, EntryPoint = "av_bsf_send_packet")]
    public static partial int av_bsf_send_packet(SafeBitstreamFilterHandle context, nint packet);

    /// <summary>int av_bsf_receive_packet(AVBSFContext *ctx, AVPacket *pkt): AVERROR(EAGAIN) when it needs input.</summary>
    [LibraryImport(MediaLibraries.AvCodec, EntryPoint = "av_bsf_receive_packet")]
    public static partial int av_bsf_receive_packet(SafeBitstreamFilterHandle context, nint packet);

    /// <summary>void av_bsf_free(AVBSFContext **ctx)</summary>
    [LibraryImport(MediaLibraries.AvCodec, EntryPoint = "av_bsf_free")]
    public static partial void av_bsf_free(ref nint context);

    /// <summary>void av_packet_rescale_ts(AVPacket *pkt, AVRational tb_src, AVRational tb_dst)</summary>
    [LibraryImport(MediaLibraries.AvCodec, EntryPoint = "av_packet_rescale_ts")]
    public static partial void av_packet_rescale_ts(nint packet, NativeRational source, NativeRational destination);

    /// <summary>const char *av_get_pix_fmt_name(enum AVPixelFormat pix_fmt): NULL when unknown.</summary>
    [LibraryImport(MediaLibraries.AvUtil, EntryPoint = "av_get_pix_fmt_name")]
    public static partial nint av_get_pix_fmt_name(int pixelFormat);

    /// <summary>void *av_mallocz(size_t size): freed by whoever owns the field it is stored in.</summary>
    [LibraryImport(MediaLibraries.AvUtil, EntryPoint = "av_mallocz")]
    public static partial nint av_mallocz(nuint size);

    /// <summary>int av_compare_ts(int64_t ts_a, AVRational tb_a, int64_t ts_b, AVRational tb_b): -1, 0 or 1, exact.</summary>
    [LibraryImport(MediaLibraries.AvUtil, EntryPoint = "av_compare_ts")]
    public static partial int av_compare_ts(long a, NativeRational timeBaseA, long b, NativeRational timeBaseB);

    /// <summary>int64_t av_rescale_q(int64_t a, AVRational bq, AVRational cq): rounds to nearest.</summary>
    [LibraryImport(MediaLibraries.AvUtil, EntryPoint = "av_rescale_q")]
    public static partial long av_rescale_q(long value, NativeRational from, NativeRational to);

    public static string CodecName(int codecId) => Marshal.PtrToStringUTF8(avcodec_get_name(codecId)) ?? $"codec {codecId}";

    public static string PixelFormatName(int format) =>
        format < 0 ? "none" : Marshal.PtrToStringUTF8(av_get_pix_fmt_name(format)) ?? $"pixel format {format}";
}
