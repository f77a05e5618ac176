using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs;

/// <summary>
/// Puts the encoder's parameter sets (SPS/PPS, plus VPS for HEVC) in front of a keyframe access unit, as
/// libavcodec encoders do when AV_CODEC_FLAG_GLOBAL_HEADER is not set: a raw .h264/.hevc or MPEG-TS written
/// from such packets has no other place to carry them. Pure bytes in, bytes out, so the rule is the same for
/// every backend and is tested without one.
/// </summary>
public static class InBandParameterSets
{
    private const int H264AccessUnitDelimiter = 9;
    private const int HevcAccessUnitDelimiter = 35;

    private static ReadOnlySpan<byte> StartCode => [0, 0, 0, 1];

    /// <summary>
    /// True when the access unit already carries a parameter set of its own (the encoder repeated them), so
    /// nothing must be added.
    /// </summary>
    public static bool Carries(VideoCodec codec, ReadOnlySpan<byte> accessUnit)
    {
        foreach (var nal in NalUnitReader.ForAnnexB(accessUnit))
        {
            if (IsParameterSet(codec, nal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The exact size <see cref="Insert"/> writes.</summary>
    public static int InsertedLength(ReadOnlySpan<byte> parameterSets, ReadOnlySpan<byte> accessUnit) =>
        parameterSets.Length + accessUnit.Length;

    /// <summary>
    /// Writes <paramref name="accessUnit"/> with <paramref name="parameterSets"/> (Annex B, 4-byte start codes)
    /// inserted before its first NAL, or after a leading access unit delimiter, which both standards require to
    /// come first (H.264 7.4.1.2.3, H.265 7.4.2.4.4). Returns the bytes written.
    /// </summary>
    public static int Insert(VideoCodec codec, ReadOnlySpan<byte> parameterSets, ReadOnlySpan<byte> accessUnit, Span<byte> destination)
    {
        var total = InsertedLength(parameterSets, accessUnit);
        if (destination.Length < total)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes, {total} needed", nameof(destination));
        }

        var split = DelimiterEnd(codec, accessUnit);
        accessUnit[..split].CopyTo(destination);
        parameterSets.CopyTo(destination[split..]);
        accessUnit[split..].CopyTo(destination[(split + parameterSets.Length)..]);
        return total;
    }

    /// <summary>Only the parameter-set NAL units of an Annex B buffer, each behind a 4-byte start code.</summary>
    public static byte[] Select(VideoCodec codec, ReadOnlySpan<byte> annexB)
    {
        var length = 0;
        foreach (var nal in NalUnitReader.ForAnnexB(annexB))
        {
            length += IsParameterSet(codec, nal) ? StartCode.Length + nal.Length : 0;
        }

        var selected = new byte[length];
        var written = 0;
        foreach (var nal in NalUnitReader.ForAnnexB(annexB))
        {
            if (IsParameterSet(codec, nal))
            {
                StartCode.CopyTo(selected.AsSpan(written));
                nal.CopyTo(selected.AsSpan(written + StartCode.Length));
                written += StartCode.Length + nal.Length;
            }
        }

        return selected;
    }

    /// <summary>Where a leading access unit delimiter ends (its trailing zero bytes belong to the next start code); 0 when there is none.</summary>
    private static int DelimiterEnd(VideoCodec codec, ReadOnlySpan<byte> accessUnit)
    {
        var reader = NalUnitReader.ForAnnexB(accessUnit);
        if (!reader.TryReadNext(out var first))
        {
            return 0;
        }

        var type = codec == VideoCodec.Hevc ? HevcNalUnitType.Of(reader.Current) : H264NalUnitType.Of(reader.Current);
        return type == (codec == VideoCodec.Hevc ? HevcAccessUnitDelimiter : H264AccessUnitDelimiter) ? first.End : 0;
    }

    private static bool IsParameterSet(VideoCodec codec, ReadOnlySpan<byte> nal) => codec == VideoCodec.Hevc
        ? HevcNalUnitType.Of(nal) is HevcNalUnitType.Vps or HevcNalUnitType.Sps or HevcNalUnitType.Pps
        : H264NalUnitType.Of(nal) is H264NalUnitType.Sps or H264NalUnitType.Pps;
}
