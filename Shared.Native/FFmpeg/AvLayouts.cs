namespace Vtr.Native.FFmpeg;

/// <summary>
/// Byte offsets of the few public struct fields we must read or write directly (x86-64/arm64, LP64).
/// Everything else goes through AVOptions. Checked against the headers of each supported release:
/// <list type="bullet">
/// <item>AVFrame (libavutil/frame.h): lavu 57 (5.1), 58 (6.x) and 59 (7.x) share the prefix data[8], linesize[8],
/// extended_data, width, height, nb_samples, format, key_frame (deprecated, still present until lavu 60),
/// pict_type (124), sample_aspect_ratio, pts (136). lavu 60 (FFmpeg 8) drops key_frame (FF_API_FRAME_KEY), so
/// pict_type moves to 120 while pts stays at 136 (the AVRational before it only loses its padding) — offsetof
/// against the 7.1.5 and 8.1.2 headers.</item>
/// <item>AVFrame.metadata (the AVDictionary* filters such as psnr/ssim write their per-frame results to): 368 in
/// lavu 57 (5.1, offsetof against the system headers) and 58 (6.x: same fields before it, FFmpeg.AutoGen's structs for
/// v6.0.0 and v6.1.0); 336 in lavu 59 (7.x drops coded/display_picture_number, reordered_opaque, the old channel_layout
/// and pkt_duration; AutoGen v7.0 and v7.1.1); 312 in lavu 60 (8.x also drops key_frame, interlaced_frame,
/// top_field_first, palette_has_changed and pkt_pos: FF_API_FRAME_KEY/INTERLACED_FRAME/PALETTE_HAS_CHANGED/FRAME_PKT
/// are "major &lt; 60" in lavu 59's version.h).</item>
/// <item>AVPacket (libavcodec/packet.h): lavc 59–62 share buf, pts, dts, data, size, stream_index, flags,
/// side_data, side_data_elems, duration.</item>
/// <item>AVCodecParameters (libavcodec/codec_par.h): codec_type, codec_id, codec_tag, extradata, extradata_size
/// (the fields after them moved in lavc 61; none is read here).</item>
/// <item>AVCodecContext.get_buffer2 (libavcodec/avcodec.h, no AVOption, so it is here): 408 in every supported major.
/// lavc 59 (5.1): offsetof against the system headers. lavc 60 (6.1) and 61 (7.0, 7.1.1): offsets computed from
/// FFmpeg.AutoGen's structs generated from those releases' headers (tags v6.1.0, v7.0, v7.1.1). FFmpeg 7.0 regrouped
/// AVCodecContext's fields (video, then audio, then callbacks), so dropping slice_count/slice_offset, channels,
/// frame_number and the old channel layout did not move get_buffer2: it follows seek_preroll (404) at 408. lavc 62
/// (8.x) removes ticks_per_frame (108, FF_API_TICKS_PER_FRAME), an int whose 4 bytes become padding before the
/// 8-aligned draw_horiz_band (184), so everything after it, get_buffer2 included, stays put. GetBufferHook checks the
/// slot holds avcodec_default_get_buffer2 before writing it.</item>
/// </list>
/// The table is per major anyway so a future release with a different layout is a new row, not an edit.
/// </summary>
public sealed record AvLayout(
    int CodecMajor,
    int UtilMajor,
    int FrameData,
    int FrameLineSize,
    int FrameWidth,
    int FrameHeight,
    int FrameFormat,
    int FramePictType,
    int FramePts,
    int FrameMetadata,
    int PacketPts,
    int PacketDts,
    int PacketData,
    int PacketSize,
    int PacketFlags,
    int PacketDuration,
    int ParametersExtradata,
    int ParametersExtradataSize,
    int CodecContextGetBuffer2)
{
    public const int PacketFlagKey = 1;
    public const int PictureTypeNone = 0;
    public const int PictureTypeI = 1;
    public const long NoPtsValue = long.MinValue;

    private static AvLayout Lp64(int codecMajor, int utilMajor) => new(
        codecMajor, utilMajor,
        FrameData: 0, FrameLineSize: 64, FrameWidth: 104, FrameHeight: 108, FrameFormat: 116,
        FramePictType: utilMajor < 60 ? 124 : 120, FramePts: 136,
        FrameMetadata: utilMajor switch { < 59 => 368, 59 => 336, _ => 312 },
        PacketPts: 8, PacketDts: 16, PacketData: 24, PacketSize: 32, PacketFlags: 40, PacketDuration: 64,
        ParametersExtradata: 16, ParametersExtradataSize: 24,
        CodecContextGetBuffer2: 408);

    /// <summary>FFmpeg 5.1, 6.x, 7.x, 8.x.</summary>
    public static IReadOnlyList<AvLayout> Known { get; } = [Lp64(59, 57), Lp64(60, 58), Lp64(61, 59), Lp64(62, 60)];

    public static AvLayout? Find(int codecMajor, int utilMajor)
    {
        foreach (var layout in Known)
        {
            if (layout.CodecMajor == codecMajor && layout.UtilMajor == utilMajor)
            {
                return layout;
            }
        }

        return null;
    }
}

/// <summary>Unchecked field access through an <see cref="AvLayout"/>. The caller keeps the owning handle alive.</summary>
public static unsafe class AvFields
{
    public static byte* FrameData(AvLayout l, nint frame, int plane) => ((byte**)(frame + l.FrameData))[plane];

    public static int FrameLineSize(AvLayout l, nint frame, int plane) => ((int*)(frame + l.FrameLineSize))[plane];

    public static int FrameWidth(AvLayout l, nint frame) => *(int*)(frame + l.FrameWidth);

    public static int FrameHeight(AvLayout l, nint frame) => *(int*)(frame + l.FrameHeight);

    public static int FrameFormat(AvLayout l, nint frame) => *(int*)(frame + l.FrameFormat);

    public static long FramePts(AvLayout l, nint frame) => *(long*)(frame + l.FramePts);

    /// <summary>AVFrame.metadata: the AVDictionary* itself (0 when empty).</summary>
    public static nint FrameMetadata(AvLayout l, nint frame) => *(nint*)(frame + l.FrameMetadata);

    /// <summary>Sets width, height and format before av_frame_get_buffer (frames have no AVOptions).</summary>
    public static void SetFrameGeometry(AvLayout l, nint frame, int width, int height, int format)
    {
        *(int*)(frame + l.FrameWidth) = width;
        *(int*)(frame + l.FrameHeight) = height;
        *(int*)(frame + l.FrameFormat) = format;
    }

    public static void SetFramePts(AvLayout l, nint frame, long pts) => *(long*)(frame + l.FramePts) = pts;

    public static void SetFramePictType(AvLayout l, nint frame, int pictType) => *(int*)(frame + l.FramePictType) = pictType;

    public static byte* PacketData(AvLayout l, nint packet) => *(byte**)(packet + l.PacketData);

    public static int PacketSize(AvLayout l, nint packet) => *(int*)(packet + l.PacketSize);

    /// <summary>The packet's payload (data, size), valid until the packet is unreferenced or refilled.</summary>
    public static ReadOnlySpan<byte> PacketPayload(AvLayout l, nint packet) => new(PacketData(l, packet), PacketSize(l, packet));

    /// <summary>The payload of a packet this code owns and just sized (av_new_packet), to fill in place.</summary>
    public static Span<byte> WritablePacketPayload(AvLayout l, nint packet) => new(PacketData(l, packet), PacketSize(l, packet));

    public static long PacketPts(AvLayout l, nint packet) => *(long*)(packet + l.PacketPts);

    public static long PacketDts(AvLayout l, nint packet) => *(long*)(packet + l.PacketDts);

    public static long PacketDuration(AvLayout l, nint packet) => *(long*)(packet + l.PacketDuration);

    public static int PacketFlags(AvLayout l, nint packet) => *(int*)(packet + l.PacketFlags);

    public static void SetPacketTiming(AvLayout l, nint packet, long pts, long dts, long duration, int flags)
    {
        *(long*)(packet + l.PacketPts) = pts;
        *(long*)(packet + l.PacketDts) = dts;
        *(long*)(packet + l.PacketDuration) = duration;
        *(int*)(packet + l.PacketFlags) = flags;
    }

    public static byte* ParametersExtradata(AvLayout l, nint parameters) => *(byte**)(parameters + l.ParametersExtradata);

    public static int ParametersExtradataSize(AvLayout l, nint parameters) => *(int*)(parameters + l.ParametersExtradataSize);

    public static void SetParametersExtradata(AvLayout l, nint parameters, nint data, int size)
    {
        *(nint*)(parameters + l.ParametersExtradata) = data;
        *(int*)(parameters + l.ParametersExtradataSize) = size;
    }
}
