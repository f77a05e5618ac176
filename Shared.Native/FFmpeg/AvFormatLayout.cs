namespace Vtr.Native.FFmpeg;

/// <summary>
/// Byte offsets (LP64) of the public libavformat/libavcodec fields media I/O reads or writes, one row per
/// libavformat major, checked against each release's headers:
/// <list type="bullet">
/// <item>AVFormatContext (avformat.h): av_class, iformat, oformat, priv_data, pb, ctx_flags, nb_streams, streams —
/// the same prefix in lavf 59–61 (6.1 appends stream groups after <c>streams</c>).</item>
/// <item>AVStream: lavf 59 starts index, id, priv_data, time_base and keeps codecpar at 208 (after attached_pic);
/// lavf 60 adds av_class first and moves codecpar up: av_class, index, id, codecpar, priv_data, time_base.</item>
/// <item>AVCodecParameters (codec_par.h): codec_type, codec_id, codec_tag, extradata, extradata_size, then in lavc 59–60
/// format (28), bit_rate, bits_per_coded_sample, bits_per_raw_sample (44), profile, level, width (56), height (60);
/// lavc 61 (7.0) moved coded_side_data and nb_coded_side_data (appended at the end in 6.1) to right after
/// extradata_size, so from 61 on format is at 44, bits_per_raw_sample 60, width 72, height 76 (offsetof against the
/// 7.1.5 and 8.1.2 headers).</item>
/// <item>AVPacket stream_index/pos, AVBSFContext par_in/par_out/time_base_in, AVInputFormat/AVOutputFormat name and
/// AVOutputFormat.flags: unchanged in 59–62.</item>
/// <item>AVFormatContext.metadata: 176 in lavf 59–60 (after chapters, which follow max_picture_buffer); lavf 61 (7.0)
/// inserted nb_stream_groups/stream_groups after <c>streams</c>, moved nb_chapters/chapters up behind them and added
/// data_codec_id, so metadata is at 192 from 61 on. AVStream.metadata and avg_frame_rate follow sample_aspect_ratio:
/// 64/72 in lavf 59 (offsetof against the 5.1 headers), 80/88 from lavf 60 (av_class first, codecpar moved up).</item>
/// <item>lavf 62 (FFmpeg 8) removed AVStream side_data (after attached_pic) and appended AVFormatContext.name: the
/// fields read here keep their 61 offsets.</item>
/// </list>
/// The row of the installed release is verified at runtime against a real file by the Native tests.
/// </summary>
public sealed record AvFormatLayout(
    int FormatMajor,
    int ContextInputFormat,
    int ContextOutputFormat,
    int ContextIo,
    int ContextStreamCount,
    int ContextStreams,
    int ContextMetadata,
    int StreamMetadata,
    int StreamAverageFrameRate,
    int StreamIndex,
    int StreamCodecParameters,
    int StreamTimeBase,
    int ParametersCodecType,
    int ParametersCodecId,
    int ParametersCodecTag,
    int ParametersExtradata,
    int ParametersExtradataSize,
    int ParametersFormat,
    int ParametersBitsPerRawSample,
    int ParametersWidth,
    int ParametersHeight,
    int PacketStreamIndex,
    int PacketPosition,
    int FilterParametersIn,
    int FilterParametersOut,
    int FilterTimeBaseIn,
    int FormatName,
    int OutputFormatFlags)
{
    private static AvFormatLayout Lp64(int major, int streamIndex, int streamCodecParameters, int streamTimeBase) => new(
        major,
        ContextInputFormat: 8, ContextOutputFormat: 16, ContextIo: 32, ContextStreamCount: 44, ContextStreams: 48,
        ContextMetadata: major < 61 ? 176 : 192,
        StreamMetadata: major < 60 ? 64 : 80,
        StreamAverageFrameRate: major < 60 ? 72 : 88,
        StreamIndex: streamIndex, StreamCodecParameters: streamCodecParameters, StreamTimeBase: streamTimeBase,
        ParametersCodecType: 0, ParametersCodecId: 4, ParametersCodecTag: 8, ParametersExtradata: 16,
        ParametersExtradataSize: 24,
        ParametersFormat: major < 61 ? 28 : 44,
        ParametersBitsPerRawSample: major < 61 ? 44 : 60,
        ParametersWidth: major < 61 ? 56 : 72,
        ParametersHeight: major < 61 ? 60 : 76,
        PacketStreamIndex: 36, PacketPosition: 72,
        FilterParametersIn: 24, FilterParametersOut: 32, FilterTimeBaseIn: 40,
        FormatName: 0, OutputFormatFlags: 44);

    /// <summary>FFmpeg 5.1 (lavf 59), 6.x (60), 7.x (61), 8.x (62).</summary>
    public static IReadOnlyList<AvFormatLayout> Known { get; } =
    [
        Lp64(59, streamIndex: 0, streamCodecParameters: 208, streamTimeBase: 16),
        Lp64(60, streamIndex: 8, streamCodecParameters: 16, streamTimeBase: 32),
        Lp64(61, streamIndex: 8, streamCodecParameters: 16, streamTimeBase: 32),
        Lp64(62, streamIndex: 8, streamCodecParameters: 16, streamTimeBase: 32),
    ];

    public static AvFormatLayout? Find(int formatMajor)
    {
        foreach (var layout in Known)
        {
            if (layout.FormatMajor == formatMajor)
            {
                return layout;
            }
        }

        return null;
    }
}
