using System.Buffers;
using System.Buffers.Binary;

namespace Vtr.Shared.Bitstream;

/// <summary>
/// AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1, "avcC"), written the way FFmpeg 5.1's
/// <c>ff_isom_write_avcc</c> (libavformat/avc.c) writes it, so our bytes match an FFmpeg-muxed MP4.
/// </summary>
internal static class AvcDecoderConfiguration
{
    public const int LengthSizeOffset = 4;
    private const int MaxSpsCount = 31; // the count is a 5-bit field
    private const int MaxPpsCount = 255;

    public static byte[] Build(ReadOnlySpan<byte> annexB)
    {
        var sps = new List<Range>();
        var pps = new List<Range>();
        var spsExtensions = new List<Range>();
        var reader = NalUnitReader.ForAnnexB(annexB);
        while (reader.TryReadNext(out var nal))
        {
            var target = H264NalUnitType.Of(reader.Current) switch
            {
                H264NalUnitType.Sps => sps,
                H264NalUnitType.Pps => pps,
                H264NalUnitType.SpsExtension => spsExtensions,
                _ => null,
            };
            if (target is not null && nal.Length > ushort.MaxValue)
            {
                throw new BitstreamException($"A {nal.Length}-byte parameter set does not fit avcC's 16-bit length.");
            }

            target?.Add(new Range(nal.Offset, nal.End));
        }

        // FFmpeg rejects fewer than 4 SPS bytes (header + profile, compatibility, level) or no PPS.
        if (sps.Count == 0 || annexB[sps[0]].Length < 4)
        {
            throw new BitstreamException("Cannot build avcC: the H.264 parameter sets contain no usable SPS.");
        }

        if (pps.Count == 0)
        {
            throw new BitstreamException("Cannot build avcC: the H.264 parameter sets contain no PPS.");
        }

        if (sps.Count > MaxSpsCount || pps.Count > MaxPpsCount || spsExtensions.Count > MaxPpsCount)
        {
            throw new BitstreamException($"Cannot build avcC: {sps.Count} SPS / {pps.Count} PPS exceed the record's counts.");
        }

        var firstSps = annexB[sps[0]];
        var output = new ArrayBufferWriter<byte>(64);
        output.Write<byte>([1, firstSps[1], firstSps[2], firstSps[3], 0xFF, (byte)(0xE0 | sps.Count)]);
        WriteNals(output, annexB, sps);
        output.Write<byte>([(byte)pps.Count]);
        WriteNals(output, annexB, pps);

        // FFmpeg 5.1 appends the High-profile fields for every profile except Baseline (66), Main (77)
        // and Extended (88), reading them from the first SPS; those profiles imply 4:2:0 8-bit.
        if (firstSps[1] is not (66 or 77 or 88))
        {
            if (!H264SpsInfo.TryParse(firstSps, out var info) || info is null)
            {
                throw new BitstreamException("Cannot build avcC: the first SPS is damaged.");
            }

            output.Write<byte>([
                (byte)(0xFC | info.ChromaFormatIdc),
                (byte)(0xF8 | (info.BitDepthLuma - 8)),
                (byte)(0xF8 | (info.BitDepthChroma - 8)),
                (byte)spsExtensions.Count,
            ]);
            WriteNals(output, annexB, spsExtensions);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>SPS then PPS, each behind <c>00 00 00 01</c>; trailing extensions are not NALs we forward.</summary>
    public static byte[] ToAnnexB(ReadOnlySpan<byte> record)
    {
        var cursor = new RecordCursor(record, "avcC");
        if (cursor.ReadByte("configurationVersion") != 1)
        {
            throw new BitstreamException("The avcC record has configurationVersion != 1.");
        }

        cursor.Skip(4, "profile/compatibility/level/lengthSizeMinusOne");
        var output = new ArrayBufferWriter<byte>(record.Length + 16);
        CopyNals(ref cursor, output, cursor.ReadByte("numOfSequenceParameterSets") & 0x1F, "SPS");
        CopyNals(ref cursor, output, cursor.ReadByte("numOfPictureParameterSets"), "PPS");
        return output.WrittenSpan.ToArray();
    }

    public static int NalLengthSize(ReadOnlySpan<byte> record)
    {
        var cursor = new RecordCursor(record, "avcC");
        cursor.Skip(LengthSizeOffset, "avcC header");
        return (cursor.ReadByte("lengthSizeMinusOne") & 0x03) + 1;
    }

    private static void WriteNals(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> source, List<Range> nals)
    {
        foreach (var range in nals)
        {
            var nal = source[range];
            BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(2), (ushort)nal.Length);
            output.Advance(2);
            output.Write(nal);
        }
    }

    private static void CopyNals(ref RecordCursor cursor, ArrayBufferWriter<byte> output, int count, string kind)
    {
        for (var i = 0; i < count; i++)
        {
            var length = cursor.ReadUInt16($"{kind} {i} length");
            if (length == 0)
            {
                throw new BitstreamException($"The avcC record holds an empty {kind}.");
            }

            output.Write<byte>([0, 0, 0, 1]);
            output.Write(cursor.Take(length, $"{kind} {i}"));
        }
    }
}
