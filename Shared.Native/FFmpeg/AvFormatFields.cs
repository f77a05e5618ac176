using System.Runtime.InteropServices;

namespace Vtr.Native.FFmpeg;

/// <summary>Unchecked field access through an <see cref="AvFormatLayout"/>. Callers keep the owning handle alive.</summary>
public static unsafe class AvFormatFields
{
    public static int StreamCount(AvFormatLayout l, nint context) => (int)*(uint*)(context + l.ContextStreamCount);

    public static nint Stream(AvFormatLayout l, nint context, int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)StreamCount(l, context), nameof(index));
        return (*(nint**)(context + l.ContextStreams))[index];
    }

    public static nint OutputFormat(AvFormatLayout l, nint context) => *(nint*)(context + l.ContextOutputFormat);

    public static nint IoField(AvFormatLayout l, nint context) => context + l.ContextIo;

    public static string InputFormatName(AvFormatLayout l, nint context)
    {
        var format = *(nint*)(context + l.ContextInputFormat);
        return format == 0 ? string.Empty : Marshal.PtrToStringUTF8(*(nint*)(format + l.FormatName)) ?? string.Empty;
    }

    /// <summary>The address of AVFormatContext.metadata (an AVDictionary*), for av_dict_* calls.</summary>
    public static nint ContextMetadataField(AvFormatLayout l, nint context) => context + l.ContextMetadata;

    /// <summary>AVFormatContext.metadata: the AVDictionary* itself (0 when empty).</summary>
    public static nint ContextMetadata(AvFormatLayout l, nint context) => *(nint*)ContextMetadataField(l, context);

    /// <summary>AVStream.metadata: the AVDictionary* itself (0 when empty).</summary>
    public static nint StreamMetadata(AvFormatLayout l, nint stream) => *(nint*)StreamMetadataField(l, stream);

    /// <summary>The address of AVStream.metadata (an AVDictionary*), for av_dict_* calls.</summary>
    public static nint StreamMetadataField(AvFormatLayout l, nint stream) => stream + l.StreamMetadata;

    public static AvRational StreamAverageFrameRate(AvFormatLayout l, nint stream) => *(AvRational*)(stream + l.StreamAverageFrameRate);

    public static void SetStreamAverageFrameRate(AvFormatLayout l, nint stream, AvRational rate) =>
        *(AvRational*)(stream + l.StreamAverageFrameRate) = rate;

    public static uint CodecTag(AvFormatLayout l, nint parameters) => *(uint*)(parameters + l.ParametersCodecTag);

    public static void SetCodecTag(AvFormatLayout l, nint parameters, uint tag) => *(uint*)(parameters + l.ParametersCodecTag) = tag;

    public static int OutputFormatFlags(AvFormatLayout l, nint outputFormat) => *(int*)(outputFormat + l.OutputFormatFlags);

    public static int StreamIndex(AvFormatLayout l, nint stream) => *(int*)(stream + l.StreamIndex);

    public static nint StreamParameters(AvFormatLayout l, nint stream) => *(nint*)(stream + l.StreamCodecParameters);

    public static AvRational StreamTimeBase(AvFormatLayout l, nint stream) => *(AvRational*)(stream + l.StreamTimeBase);

    public static void SetStreamTimeBase(AvFormatLayout l, nint stream, AvRational timeBase) =>
        *(AvRational*)(stream + l.StreamTimeBase) = timeBase;

    public static int CodecType(AvFormatLayout l, nint parameters) => *(int*)(parameters + l.ParametersCodecType);

    public static int CodecId(AvFormatLayout l, nint parameters) => *(int*)(parameters + l.ParametersCodecId);

    public static int Format(AvFormatLayout l, nint parameters) => *(int*)(parameters + l.ParametersFormat);

    public static int BitsPerRawSample(AvFormatLayout l, nint parameters) => *(int*)(parameters + l.ParametersBitsPerRawSample);

    public static int Width(AvFormatLayout l, nint parameters) => *(int*)(parameters + l.ParametersWidth);

    public static int Height(AvFormatLayout l, nint parameters) => *(int*)(parameters + l.ParametersHeight);

    public static ReadOnlySpan<byte> Extradata(AvFormatLayout l, nint parameters)
    {
        var data = *(byte**)(parameters + l.ParametersExtradata);
        var size = *(int*)(parameters + l.ParametersExtradataSize);
        return data == null || size <= 0 ? [] : new ReadOnlySpan<byte>(data, size);
    }

    /// <summary>Fills a freshly allocated AVCodecParameters for a video stream; extradata is copied into av_mallocz'd
    /// memory (with the required zero padding) that the parameters then own. False when that allocation failed.</summary>
    public static bool TrySetVideoParameters(AvFormatLayout l, nint parameters, int codecId, int width, int height, ReadOnlySpan<byte> extradata)
    {
        *(int*)(parameters + l.ParametersCodecType) = AvUtilNative.MediaTypeVideo;
        *(int*)(parameters + l.ParametersCodecId) = codecId;
        *(uint*)(parameters + l.ParametersCodecTag) = 0;
        *(int*)(parameters + l.ParametersWidth) = width;
        *(int*)(parameters + l.ParametersHeight) = height;
        if (extradata.IsEmpty)
        {
            return true;
        }

        var buffer = AvUtilNative.av_mallocz((nuint)(extradata.Length + AvCodecNative.InputBufferPaddingSize));
        if (buffer == 0)
        {
            return false;
        }

        extradata.CopyTo(new Span<byte>((void*)buffer, extradata.Length));
        *(nint*)(parameters + l.ParametersExtradata) = buffer;
        *(int*)(parameters + l.ParametersExtradataSize) = extradata.Length;
        return true;
    }

    /// <summary>Clears codec_tag so the output container picks its own (a tag valid in MP4 may be invalid in Matroska).</summary>
    public static void ClearCodecTag(AvFormatLayout l, nint parameters) => *(uint*)(parameters + l.ParametersCodecTag) = 0;

    public static int PacketStreamIndex(AvFormatLayout l, nint packet) => *(int*)(packet + l.PacketStreamIndex);

    public static void SetPacketStreamIndex(AvFormatLayout l, nint packet, int index) => *(int*)(packet + l.PacketStreamIndex) = index;

    public static long PacketPosition(AvFormatLayout l, nint packet) => *(long*)(packet + l.PacketPosition);

    public static nint FilterParametersIn(AvFormatLayout l, nint filter) => *(nint*)(filter + l.FilterParametersIn);

    public static nint FilterParametersOut(AvFormatLayout l, nint filter) => *(nint*)(filter + l.FilterParametersOut);

    public static void SetFilterTimeBaseIn(AvFormatLayout l, nint filter, AvRational timeBase) =>
        *(AvRational*)(filter + l.FilterTimeBaseIn) = timeBase;
}
