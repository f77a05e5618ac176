using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// Turns the CONFIGURE extradata of a decode session into Annex B parameter sets, choosing like the
/// original server (WIRE.md §6.2): an optional 8-byte box header is stripped; avcC when byte0==1 and
/// len>6 (H.264), hvcC when byte0==1 and len>21 (HEVC); anything else is taken as Annex B already.
/// </summary>
internal static class DecoderExtradata
{
    public static byte[] ToAnnexB(VideoCodec codec, ReadOnlySpan<byte> extradata)
    {
        if (extradata.Length >= 8 && (extradata.Slice(4, 4).SequenceEqual("avcC"u8) || extradata.Slice(4, 4).SequenceEqual("hvcC"u8)))
        {
            extradata = extradata[8..];
        }

        if (extradata.IsEmpty)
        {
            return [];
        }

        var isRecord = extradata[0] == 1 && extradata.Length > (codec == VideoCodec.Hevc ? 21 : 6);
        if (!isRecord)
        {
            return extradata.ToArray();
        }

        try
        {
            return DecoderConfigurationRecord.ToAnnexB(codec, extradata);
        }
        catch (BitstreamException e)
        {
            throw new CodecException($"invalid {(codec == VideoCodec.Hevc ? "hvcC" : "avcC")} extradata: {e.Message}", e);
        }
    }
}
