using Vtr.Native.FFmpeg;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Cli.Media;

/// <summary>
/// The source's HDR10 metadata: the container's (mov mdcv/clli, Matroska MasteringMetadata) first, else the SEI of
/// the first H.264/HEVC keyframe, where encoders such as x265 put it and a plain remux leaves the only copy.
/// The bitstream is looked at only for sources tagged BT.2020, PQ or HLG, so SDR files cost no second read.
/// </summary>
internal static class HdrMetadataProbe
{
    /// <summary>From the already opened <paramref name="probed"/> input's container; the file is opened again (and read
    /// to its first keyframe) only for a wide-gamut or HDR-tagged H.264/HEVC source whose container lacks part of it.</summary>
    public static HdrMetadata Read(InputContext probed, int videoIndex, SourceCodec codec, ColourTags colour, ReadOnlySpan<byte> extradata)
    {
        var fromContainer = StreamHdrSideData.Read(probed.Layout, probed.Stream(videoIndex));
        var wide = colour.Primaries == 9 || colour.Transfer is 16 or 18;
        if ((fromContainer.Display is not null && fromContainer.Light is not null) || !wide || !codec.TryGetVideoCodec(out var videoCodec))
        {
            return fromContainer;
        }

        var lengthSize = extradata.Length > 0 && extradata[0] == 1 ? DecoderConfigurationRecord.NalLengthSize(videoCodec, extradata) : 0;
        using var input = InputContext.Open(probed.Path);
        return fromContainer.Or(FirstKeyframeSei(input, videoIndex, videoCodec, lengthSize));
    }

    private static HdrMetadata FirstKeyframeSei(InputContext input, int videoIndex, VideoCodec codec, int lengthSize)
    {
        var codecLayout = input.Runtime.Codecs.Layout;
        while (input.ReadPacket())
        {
            var packet = input.Packet;
            if (AvFormatFields.PacketStreamIndex(input.Layout, packet) != videoIndex
                || (AvFields.PacketFlags(codecLayout, packet) & AvLayout.PacketFlagKey) == 0)
            {
                continue;
            }

            return HdrSeiReader.Read(codec, AvFields.PacketPayload(codecLayout, packet), lengthSize);
        }

        return HdrMetadata.None;
    }
}
