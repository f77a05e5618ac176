using Vtr.Shared.Media;

namespace Vtr.Shared.Bitstream;

/// <summary>
/// Finds the mastering display colour volume (payload type 137) and content light level (144) SEI messages in an
/// H.264 or HEVC access unit (ITU-T H.264 7.3.2.3 / H.265 7.3.5 sei_message syntax: ff-extended type and size, then
/// the payload). x265 and Apple's encoders put them in the prefix SEI of every keyframe, where a container without
/// <c>mdcv</c>/MasteringMetadata leaves them as the only copy. Damaged SEI is skipped, never an exception.
/// </summary>
public static class HdrSeiReader
{
    public const int MasteringDisplayPayloadType = 137;
    public const int ContentLightLevelPayloadType = 144;

    /// <summary>Reads an Annex B access unit (<paramref name="lengthSize"/> 0) or a length-prefixed one (1..4).</summary>
    public static HdrMetadata Read(VideoCodec codec, ReadOnlySpan<byte> accessUnit, int lengthSize = 0)
    {
        var found = HdrMetadata.None;
        var reader = lengthSize == 0 ? NalUnitReader.ForAnnexB(accessUnit) : NalUnitReader.ForLengthPrefixed(accessUnit, lengthSize);
        foreach (var nal in reader)
        {
            var isSei = codec == VideoCodec.Hevc
                ? HevcNalUnitType.Of(nal) == HevcNalUnitType.PrefixSei
                : H264NalUnitType.Of(nal) == H264NalUnitType.Sei;
            if (isSei)
            {
                var rbsp = new byte[nal.Length];
                var length = Rbsp.Unescape(nal, rbsp);
                found = found.Or(ReadMessages(rbsp.AsSpan(codec == VideoCodec.Hevc ? 2 : 1, Math.Max(0, length - (codec == VideoCodec.Hevc ? 2 : 1)))));
            }
        }

        return found;
    }

    private static HdrMetadata ReadMessages(ReadOnlySpan<byte> sei)
    {
        MasteringDisplay? display = null;
        ContentLightLevel? light = null;
        var position = 0;
        // more_rbsp_data: stop at the rbsp_trailing_bits byte (0x80) or the end.
        while (position < sei.Length && sei[position] != 0x80)
        {
            if (!TryReadExtended(sei, ref position, out var type) || !TryReadExtended(sei, ref position, out var size)
                || size > sei.Length - position)
            {
                break;
            }

            var payload = sei.Slice(position, size);
            position += size;
            if (type == MasteringDisplayPayloadType)
            {
                display ??= MasteringDisplay.FromPayload(payload);
            }
            else if (type == ContentLightLevelPayloadType)
            {
                light ??= ContentLightLevel.FromPayload(payload);
            }
        }

        return new HdrMetadata(display, light);
    }

    /// <summary>A payloadType or payloadSize: every 0xFF byte adds 255, the first other byte ends the value.</summary>
    private static bool TryReadExtended(ReadOnlySpan<byte> sei, ref int position, out int value)
    {
        value = 0;
        while (position < sei.Length)
        {
            var b = sei[position++];
            value += b;
            if (b != 0xFF)
            {
                return true;
            }

            if (value > sei.Length)
            {
                return false;
            }
        }

        return false;
    }
}
