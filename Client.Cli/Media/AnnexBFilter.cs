using Vtr.Native.FFmpeg;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Cli.Media;

/// <summary>
/// The h264_mp4toannexb / hevc_mp4toannexb bitstream filter for one read pass: length-prefixed packets in, Annex B out
/// with SPS/PPS(/VPS) inserted before IDR/IRAP pictures. Input that already is Annex B passes through. A keyframe that
/// still lacks parameter sets (a non-IDR I picture opening an open GOP) gets them from the filter's Annex B extradata.
/// </summary>
internal sealed class AnnexBFilter : IDisposable
{
    private readonly SafeBitstreamFilterHandle _filter;
    private readonly VideoCodec _codec;
    private readonly byte[] _parameterSets;

    private AnnexBFilter(SafeBitstreamFilterHandle filter, VideoCodec codec, byte[] parameterSets)
    {
        _filter = filter;
        _codec = codec;
        _parameterSets = parameterSets;
    }

    public static AnnexBFilter Create(InputContext input, int streamIndex, VideoCodec codec)
    {
        var name = codec == VideoCodec.Hevc ? "hevc_mp4toannexb" : "h264_mp4toannexb";
        var definition = AvCodecNative.av_bsf_get_by_name(name);
        if (definition == 0)
        {
            throw new MediaLibraryException($"This FFmpeg build lacks the {name} bitstream filter.");
        }

        MediaProcessingException.ThrowIfError(AvCodecNative.av_bsf_alloc(definition, out var pointer), "av_bsf_alloc");
        var filter = new SafeBitstreamFilterHandle();
        filter.Adopt(pointer);
        try
        {
            var layout = input.Layout;
            MediaProcessingException.ThrowIfError(
                AvCodecNative.avcodec_parameters_copy(AvFormatFields.FilterParametersIn(layout, pointer), input.StreamParameters(streamIndex)),
                "avcodec_parameters_copy");
            AvFormatFields.SetFilterTimeBaseIn(layout, pointer, input.StreamTimeBase(streamIndex));
            MediaProcessingException.ThrowIfError(AvCodecNative.av_bsf_init(filter), "av_bsf_init");
            var extradata = AvFormatFields.Extradata(layout, AvFormatFields.FilterParametersOut(layout, pointer));
            var parameterSets = AnnexB.StartsWithStartCode(extradata) ? extradata.ToArray() : [];
            return new AnnexBFilter(filter, codec, parameterSets);
        }
        catch
        {
            filter.Dispose();
            throw;
        }
    }

    /// <summary>Filters the packet in place (the filter is 1:1) and returns a copy of its Annex B payload.</summary>
    public byte[] Convert(nint packet, AvLayout codecLayout, bool isKeyframe, bool isFirst)
    {
        MediaProcessingException.ThrowIfError(AvCodecNative.av_bsf_send_packet(_filter, packet), "av_bsf_send_packet");
        MediaProcessingException.ThrowIfError(AvCodecNative.av_bsf_receive_packet(_filter, packet), "av_bsf_receive_packet");
        var data = AvFields.PacketPayload(codecLayout, packet);
        if (isKeyframe && isFirst && _parameterSets.Length > 0 && !HasSequenceParameterSet(data))
        {
            return [.. _parameterSets, .. data];
        }

        return data.ToArray();
    }

    private bool HasSequenceParameterSet(ReadOnlySpan<byte> annexB)
    {
        foreach (var nal in NalUnitReader.ForAnnexB(annexB))
        {
            var isSps = _codec == VideoCodec.Hevc
                ? HevcNalUnitType.Of(nal) == HevcNalUnitType.Sps
                : H264NalUnitType.Of(nal) == H264NalUnitType.Sps;
            if (isSps)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _filter.Dispose();
}
