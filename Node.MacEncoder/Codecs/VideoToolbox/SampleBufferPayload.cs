using System.Buffers;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// Byte-level conversions between VideoToolbox samples and VTR1 payloads, all through Shared/Bitstream:
/// length-prefixed sample → Annex B PACKET data (WIRE.md §6.1), parameter sets → avcC/hvcC for CONFIGURE_ACK
/// (§6.2), and the reverse for the decoder (Annex B access unit → length-prefixed sample, extradata → parameter sets).
/// </summary>
public static class SampleBufferPayload
{
    private static ReadOnlySpan<byte> StartCode => [0, 0, 0, 1];

    /// <summary>Converts one VT sample to Annex B in pooled memory the caller owns; returns the byte count.</summary>
    public static int ToAnnexB(ReadOnlySpan<byte> lengthPrefixed, int nalLengthSize, out IMemoryOwner<byte> owner)
    {
        var size = AnnexB.AnnexBSize(lengthPrefixed, nalLengthSize);
        owner = MemoryPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            return AnnexB.FromLengthPrefixed(lengthPrefixed, nalLengthSize, owner.Memory.Span);
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    /// <summary>Joins raw parameter-set NAL units (no start codes) into Annex B.</summary>
    public static byte[] JoinAsAnnexB(IReadOnlyList<byte[]> nalUnits)
    {
        var total = 0;
        foreach (var nal in nalUnits)
        {
            total += StartCode.Length + nal.Length;
        }

        var annexB = new byte[total];
        var offset = 0;
        foreach (var nal in nalUnits)
        {
            StartCode.CopyTo(annexB.AsSpan(offset));
            nal.CopyTo(annexB.AsSpan(offset + StartCode.Length));
            offset += StartCode.Length + nal.Length;
        }

        return annexB;
    }

    /// <summary>The bare avcC/hvcC record for CONFIGURE_ACK from the parameter sets VT reports.</summary>
    public static byte[] BuildDecoderConfigurationRecord(VideoCodec codec, IReadOnlyList<byte[]> parameterSets) =>
        parameterSets.Count == 0
            ? []
            : DecoderConfigurationRecord.BuildFromAnnexB(codec, JoinAsAnnexB(parameterSets), parameterSetArraysComplete: true);

    public static bool IsParameterSet(VideoCodec codec, ReadOnlySpan<byte> nal) => codec == VideoCodec.Hevc
        ? HevcNalUnitType.Of(nal) is HevcNalUnitType.Vps or HevcNalUnitType.Sps or HevcNalUnitType.Pps
        : H264NalUnitType.Of(nal) is H264NalUnitType.Sps or H264NalUnitType.Pps;

    /// <summary>
    /// Parameter sets (and the NAL length size to use for samples) from CONFIGURE extradata: avcC/hvcC
    /// (first byte 1) or Annex B. An 8-byte box header (size + 'avcC'/'hvcC') is skipped.
    /// </summary>
    public static List<byte[]> ParameterSetsFromExtradata(VideoCodec codec, ReadOnlySpan<byte> extradata, out int nalLengthSize)
    {
        nalLengthSize = 4;
        if (extradata.Length > 8 && (extradata[4..8].SequenceEqual("avcC"u8) || extradata[4..8].SequenceEqual("hvcC"u8)))
        {
            extradata = extradata[8..];
        }

        if (extradata.IsEmpty)
        {
            return [];
        }

        ReadOnlySpan<byte> annexB = extradata;
        if (extradata[0] == 1)
        {
            nalLengthSize = DecoderConfigurationRecord.NalLengthSize(codec, extradata);
            annexB = DecoderConfigurationRecord.ToAnnexB(codec, extradata);
        }

        return ExtractParameterSets(codec, annexB);
    }

    /// <summary>Copies the parameter-set NAL units of an Annex B buffer.</summary>
    public static List<byte[]> ExtractParameterSets(VideoCodec codec, ReadOnlySpan<byte> annexB)
    {
        var sets = new List<byte[]>();
        foreach (var nal in NalUnitReader.ForAnnexB(annexB))
        {
            if (IsParameterSet(codec, nal))
            {
                sets.Add(nal.ToArray());
            }
        }

        return sets;
    }

    /// <summary>
    /// Turns an Annex B access unit into a VT sample: parameter sets are left out (the format description
    /// carries them) and the rest becomes length-prefixed. Returns the byte count in caller-owned pooled memory.
    /// </summary>
    public static int ToSample(VideoCodec codec, ReadOnlySpan<byte> annexB, int nalLengthSize, out IMemoryOwner<byte> owner)
    {
        var filtered = ArrayPool<byte>.Shared.Rent(Math.Max(annexB.Length + StartCode.Length, 1));
        try
        {
            var length = 0;
            foreach (var nal in NalUnitReader.ForAnnexB(annexB))
            {
                if (IsParameterSet(codec, nal))
                {
                    continue;
                }

                StartCode.CopyTo(filtered.AsSpan(length));
                nal.CopyTo(filtered.AsSpan(length + StartCode.Length));
                length += StartCode.Length + nal.Length;
            }

            var source = filtered.AsSpan(0, length);
            owner = MemoryPool<byte>.Shared.Rent(Math.Max(AnnexB.LengthPrefixedSize(source, nalLengthSize), 1));
            return AnnexB.ToLengthPrefixed(source, owner.Memory.Span, nalLengthSize);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(filtered);
        }
    }
}
