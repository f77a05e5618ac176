using System.Runtime.InteropServices;

namespace Vtr.Native.FFmpeg;

/// <summary>
/// libavcodec entry points. The C type is written beside every parameter. Pointers we own travel as
/// SafeHandles; borrowed pointers (<c>const AVCodec*</c>, <c>AVCodecParameters*</c> we free ourselves) as nint.
/// </summary>
// The C names are kept so every call greps straight to FFmpeg's headers; public for the node and the CLI
// (STYLE.md §2.5 wraps only what needs wrapping).
#pragma warning disable CA1401, CA1707
public static partial class AvCodecNative
{
    /// <summary>AV_CODEC_ID_H264 (codec_id.h).</summary>
    public const int CodecIdH264 = 27;

    /// <summary>AV_CODEC_ID_HEVC (codec_id.h).</summary>
    public const int CodecIdHevc = 173;

    /// <summary>FF_COMPLIANCE_NORMAL (defs.h).</summary>
    public const int ComplianceNormal = 0;

    /// <summary>AV_INPUT_BUFFER_PADDING_SIZE (defs.h): zeroed bytes every extradata/packet buffer must carry.</summary>
    public const int InputBufferPaddingSize = 64;

    /// <summary>unsigned avcodec_version(void): major in bits 16..31.</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_version")]
    public static partial uint avcodec_version();

    /// <summary>const AVCodec *avcodec_find_encoder_by_name(const char *name)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_find_encoder_by_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint avcodec_find_encoder_by_name(string name);

    /// <summary>const AVCodec *avcodec_find_decoder_by_name(const char *name)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_find_decoder_by_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint avcodec_find_decoder_by_name(string name);

    /// <summary>const AVCodecDescriptor *avcodec_descriptor_get_by_name(const char *name): NULL if unknown.</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_descriptor_get_by_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint avcodec_descriptor_get_by_name(string name);

    /// <summary>const AVCodec *avcodec_find_decoder(enum AVCodecID id)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_find_decoder")]
    public static partial nint avcodec_find_decoder(int codecId);

    /// <summary>AVCodecContext *avcodec_alloc_context3(const AVCodec *codec)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_alloc_context3")]
    public static partial SafeCodecContextHandle avcodec_alloc_context3(nint codec);

    /// <summary>void avcodec_free_context(AVCodecContext **avctx)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_free_context")]
    public static partial void avcodec_free_context(ref nint context);

    /// <summary>int avcodec_open2(AVCodecContext *avctx, const AVCodec *codec, AVDictionary **options)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_open2")]
    public static partial int avcodec_open2(SafeCodecContextHandle context, nint codec, ref nint options);

    /// <summary>int avcodec_send_frame(AVCodecContext *avctx, const AVFrame *frame)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_send_frame")]
    public static partial int avcodec_send_frame(SafeCodecContextHandle context, SafeFrameHandle frame);

    /// <summary>avcodec_send_frame(avctx, NULL): enter draining mode.</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_send_frame")]
    public static partial int avcodec_send_frame_flush(SafeCodecContextHandle context, nint nullFrame);

    /// <summary>int avcodec_receive_packet(AVCodecContext *avctx, AVPacket *avpkt)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_receive_packet")]
    public static partial int avcodec_receive_packet(SafeCodecContextHandle context, SafePacketHandle packet);

    /// <summary>int avcodec_send_packet(AVCodecContext *avctx, const AVPacket *avpkt)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_send_packet")]
    public static partial int avcodec_send_packet(SafeCodecContextHandle context, SafePacketHandle packet);

    /// <summary>avcodec_send_packet(avctx, NULL): enter draining mode.</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_send_packet")]
    public static partial int avcodec_send_packet_flush(SafeCodecContextHandle context, nint nullPacket);

    /// <summary>int avcodec_receive_frame(AVCodecContext *avctx, AVFrame *frame)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_receive_frame")]
    public static partial int avcodec_receive_frame(SafeCodecContextHandle context, SafeFrameHandle frame);

    /// <summary>void avcodec_flush_buffers(AVCodecContext *avctx)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_flush_buffers")]
    public static partial void avcodec_flush_buffers(SafeCodecContextHandle context);

    /// <summary>AVPacket *av_packet_alloc(void)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_packet_alloc")]
    public static partial SafePacketHandle av_packet_alloc();

    /// <summary>void av_packet_free(AVPacket **pkt)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_packet_free")]
    public static partial void av_packet_free(ref nint packet);

    /// <summary>void av_packet_unref(AVPacket *pkt)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_packet_unref")]
    public static partial void av_packet_unref(SafePacketHandle packet);

    /// <summary>int av_new_packet(AVPacket *pkt, int size): refcounted, zero-padded payload.</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_new_packet")]
    public static partial int av_new_packet(SafePacketHandle packet, int size);

    /// <summary>AVCodecParameters *avcodec_parameters_alloc(void)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_parameters_alloc")]
    public static partial nint avcodec_parameters_alloc();

    /// <summary>void avcodec_parameters_free(AVCodecParameters **par)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_parameters_free")]
    public static partial void avcodec_parameters_free(ref nint parameters);

    /// <summary>int avcodec_parameters_from_context(AVCodecParameters *par, const AVCodecContext *codec)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_parameters_from_context")]
    public static partial int avcodec_parameters_from_context(nint parameters, SafeCodecContextHandle context);

    /// <summary>int avcodec_parameters_to_context(AVCodecContext *codec, const AVCodecParameters *par)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_parameters_to_context")]
    public static partial int avcodec_parameters_to_context(SafeCodecContextHandle context, nint parameters);

    /// <summary>int avcodec_parameters_copy(AVCodecParameters *dst, const AVCodecParameters *src)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_parameters_copy")]
    public static partial int avcodec_parameters_copy(nint destination, nint source);

    /// <summary>const char *avcodec_get_name(enum AVCodecID id): never NULL.</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "avcodec_get_name")]
    public static partial nint avcodec_get_name(int codecId);

    /// <summary>void av_packet_rescale_ts(AVPacket *pkt, AVRational tb_src, AVRational tb_dst)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_packet_rescale_ts")]
    public static partial void av_packet_rescale_ts(nint packet, AvRational source, AvRational destination);

    /// <summary>const AVBitStreamFilter *av_bsf_get_by_name(const char *name)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_bsf_get_by_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint av_bsf_get_by_name(string name);

    /// <summary>int av_bsf_alloc(const AVBitStreamFilter *filter, AVBSFContext **ctx)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_bsf_alloc")]
    public static partial int av_bsf_alloc(nint filter, out nint context);

    /// <summary>int av_bsf_init(AVBSFContext *ctx)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_bsf_init")]
    public static partial int av_bsf_init(SafeBitstreamFilterHandle context);

    /// <summary>int av_bsf_send_packet(AVBSFContext *ctx, AVPacket *pkt): takes the packet's reference.</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_bsf_send_packet")]
    public static partial int av_bsf_send_packet(SafeBitstreamFilterHandle context, nint packet);

    /// <summary>int av_bsf_receive_packet(AVBSFContext *ctx, AVPacket *pkt): AVERROR(EAGAIN) when it needs input.</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_bsf_receive_packet")]
    public static partial int av_bsf_receive_packet(SafeBitstreamFilterHandle context, nint packet);

    /// <summary>void av_bsf_free(AVBSFContext **ctx)</summary>
    [LibraryImport(NativeLibraries.AvCodec, EntryPoint = "av_bsf_free")]
    public static partial void av_bsf_free(ref nint context);

    /// <summary>avcodec_get_name as a string: "h264", "aac", ...</summary>
    public static string CodecName(int codecId) => Marshal.PtrToStringUTF8(avcodec_get_name(codecId)) ?? $"codec {codecId}";
}
#pragma warning restore CA1401, CA1707
