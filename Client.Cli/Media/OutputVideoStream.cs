using Vtr.Shared.Media;

namespace Vtr.Cli.Media;

/// <summary>
/// The encoded video the output carries: codec, size, the source video time base (timestamps passed to
/// <see cref="OutputMuxer.WriteVideo"/> are in it) and the encoder's decoder configuration record (avcC/hvcC bytes;
/// empty or Annex B parameter sets let the muxer derive one from in-band parameter sets).
/// </summary>
public sealed record OutputVideoStream(VideoCodec Codec, int Width, int Height, Rational TimeBase, ReadOnlyMemory<byte> DecoderConfiguration)
{
    /// <summary>Colour tags for the container (colr / Matroska Colour); unspecified writes none.</summary>
    public ColourTags Colour { get; init; } = ColourTags.Unspecified;

    /// <summary>HDR10 metadata for the container (mov mdcv/clli, Matroska MasteringMetadata); none writes none.</summary>
    public HdrMetadata Hdr { get; init; } = HdrMetadata.None;

    /// <summary>True when the record is avcC/hvcC (configurationVersion 1), so samples must be length-prefixed.</summary>
    public bool IsLengthPrefixed => DecoderConfiguration.Length > 0 && DecoderConfiguration.Span[0] == 1;

    /// <summary>The NAL length field size declared by the avcC (byte 4) or hvcC (byte 21) record.</summary>
    public int NalLengthSize
    {
        get
        {
            var record = DecoderConfiguration.Span;
            var offset = Codec == VideoCodec.Hevc ? 21 : 4;
            if (!IsLengthPrefixed || record.Length <= offset)
            {
                return 4;
            }

            return (record[offset] & 0x3) + 1;
        }
    }
}
