using Vtr.Shared.Media;

namespace Vtr.Shared.Bitstream;

/// <summary>
/// avcC/hvcC decoder-configuration records and their Annex B parameter sets (WIRE.md §6.2).
/// Records are built to match FFmpeg 5.1's MP4 muxer byte for byte. Only
/// <see cref="BitstreamException"/> escapes for bad input.
/// </summary>
public static class DecoderConfigurationRecord
{
    private const int BoxHeaderLength = 8;

    /// <summary>
    /// Builds a bare avcC (from SPS/PPS, plus SPS extensions) or hvcC (from VPS/SPS/PPS and prefix/suffix
    /// SEI) out of Annex B data; other NALs are ignored, so a whole first access unit is fine. Input
    /// that is already a record (first byte 1, no start code) is returned as a copy, as FFmpeg does.
    /// <paramref name="parameterSetArraysComplete"/> sets hvcC's array_completeness on the VPS/SPS/PPS
    /// arrays. ISO/IEC 14496-15 wants it set for an 'hvc1' sample entry; FFmpeg 5.1's MP4 muxer always
    /// writes 0 (even with <c>-tag:v hvc1</c>), hence the default.
    /// </summary>
    public static byte[] BuildFromAnnexB(VideoCodec codec, ReadOnlySpan<byte> annexBParameterSets, bool parameterSetArraysComplete = false)
    {
        if (!AnnexB.StartsWithStartCode(annexBParameterSets))
        {
            if (annexBParameterSets.Length > 6 && annexBParameterSets[0] == 1)
            {
                return annexBParameterSets.ToArray();
            }

            throw new BitstreamException($"Cannot build a {codec} decoder configuration: the input is neither Annex B nor a record.");
        }

        return codec == VideoCodec.Hevc
            ? HevcDecoderConfiguration.Build(annexBParameterSets, parameterSetArraysComplete)
            : AvcDecoderConfiguration.Build(annexBParameterSets);
    }

    /// <summary>
    /// The record's parameter sets as Annex B with <c>00 00 00 01</c> before each NAL: avcC gives SPS
    /// then PPS, hvcC every array's NALs in order. An 8-byte box header (size + 'avcC'/'hvcC') is
    /// stripped; input that already starts with a start code is returned as a copy; empty input gives
    /// an empty array.
    /// </summary>
    public static byte[] ToAnnexB(VideoCodec codec, ReadOnlySpan<byte> record)
    {
        var body = StripBoxHeader(record);
        if (body.IsEmpty || AnnexB.StartsWithStartCode(body))
        {
            return body.ToArray();
        }

        return codec == VideoCodec.Hevc
            ? HevcDecoderConfiguration.ToAnnexB(body)
            : AvcDecoderConfiguration.ToAnnexB(body);
    }

    /// <summary>
    /// The NAL length-prefix size (lengthSizeMinusOne + 1) a record announces; 4 for Annex B input,
    /// the default WIRE.md §6.1 assumes.
    /// </summary>
    public static int NalLengthSize(VideoCodec codec, ReadOnlySpan<byte> record)
    {
        var body = StripBoxHeader(record);
        if (AnnexB.StartsWithStartCode(body))
        {
            return 4;
        }

        var size = codec == VideoCodec.Hevc
            ? HevcDecoderConfiguration.NalLengthSize(body)
            : AvcDecoderConfiguration.NalLengthSize(body);

        // lengthSizeMinusOne 2 (3-byte lengths) is reserved by ISO/IEC 14496-15.
        return size == 3 ? throw new BitstreamException("The record declares reserved 3-byte NAL lengths.") : size;
    }

    /// <summary>
    /// Picture geometry from the first SPS in a record (avcC/hvcC, box header optional) or in Annex B
    /// parameter sets. Throws <see cref="BitstreamException"/> when there is no parsable SPS.
    /// </summary>
    public static ParameterSetGeometry ReadGeometry(VideoCodec codec, ReadOnlySpan<byte> recordOrAnnexB)
    {
        var annexB = ToAnnexB(codec, recordOrAnnexB);
        foreach (var nal in NalUnitReader.ForAnnexB(annexB))
        {
            if (codec == VideoCodec.Hevc && HevcNalUnitType.Of(nal) == HevcNalUnitType.Sps)
            {
                return HevcSpsInfo.TryParse(nal, out var hevc) && hevc is not null
                    ? new ParameterSetGeometry(hevc.Width, hevc.Height, hevc.BitDepthLuma, hevc.ChromaFormatIdc)
                    : throw new BitstreamException("The HEVC SPS is damaged.");
            }

            if (codec == VideoCodec.H264 && H264NalUnitType.Of(nal) == H264NalUnitType.Sps)
            {
                return H264SpsInfo.TryParse(nal, out var avc) && avc is not null
                    ? new ParameterSetGeometry(avc.Width, avc.Height, avc.BitDepthLuma, avc.ChromaFormatIdc)
                    : throw new BitstreamException("The H.264 SPS is damaged.");
            }
        }

        throw new BitstreamException($"The {codec} parameter sets contain no SPS.");
    }

    /// <summary>Drops a leading <c>size + 'avcC'/'hvcC'</c> box header (WIRE.md §6.2).</summary>
    private static ReadOnlySpan<byte> StripBoxHeader(ReadOnlySpan<byte> record)
    {
        if (record.Length >= BoxHeaderLength
            && (record.Slice(4, 4).SequenceEqual("avcC"u8) || record.Slice(4, 4).SequenceEqual("hvcC"u8)))
        {
            return record[BoxHeaderLength..];
        }

        return record;
    }
}
