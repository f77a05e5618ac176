using System.Buffers;
using System.Buffers.Binary;

namespace Vtr.Shared.Bitstream;

/// <summary>
/// HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 §8.3.3.1, "hvcC"), written the way FFmpeg 5.1's
/// <c>ff_isom_write_hvcc</c> (libavformat/hevc.c) writes it: VPS, SPS, PPS and SEI NALs are kept in
/// arrays ordered by first appearance; profile/tier/level are merged across VPS and SPS.
/// </summary>
internal static class HevcDecoderConfiguration
{
    public const int LengthSizeOffset = 21;
    private const int HeaderLength = 23;

    public static byte[] Build(ReadOnlySpan<byte> annexB, bool parameterSetArraysComplete)
    {
        var merger = new HevcConfigurationMerger();
        var arrays = new List<(int Type, List<Range> Nals)>(5);
        var reader = NalUnitReader.ForAnnexB(annexB);
        while (reader.TryReadNext(out var range))
        {
            var nal = reader.Current;
            var type = HevcNalUnitType.Of(nal);
            if (type is not (HevcNalUnitType.Vps or HevcNalUnitType.Sps or HevcNalUnitType.Pps
                or HevcNalUnitType.PrefixSei or HevcNalUnitType.SuffixSei))
            {
                continue;
            }

            if (range.Length > ushort.MaxValue)
            {
                throw new BitstreamException($"A {range.Length}-byte NAL unit does not fit hvcC's 16-bit length.");
            }

            if (!merger.TryAdd(type, nal))
            {
                throw new BitstreamException($"Cannot build hvcC: HEVC NAL unit type {type} is damaged.");
            }

            var index = arrays.FindIndex(array => array.Type == type);
            if (index < 0)
            {
                arrays.Add((type, []));
                index = arrays.Count - 1;
            }

            arrays[index].Nals.Add(new Range(range.Offset, range.End));
        }

        merger.CheckCounts();
        var output = new ArrayBufferWriter<byte>(128);
        merger.WriteHeader(output, arrays.Count);
        foreach (var (type, nals) in arrays)
        {
            // array_completeness applies to parameter-set arrays only, as in FFmpeg's hvcc_array_add_nal_unit.
            var isParameterSet = type is HevcNalUnitType.Vps or HevcNalUnitType.Sps or HevcNalUnitType.Pps;
            var complete = isParameterSet && parameterSetArraysComplete ? 0x80 : 0;
            WriteByte(output, (byte)(complete | type));
            WriteUInt16(output, nals.Count);
            foreach (var range in nals)
            {
                WriteUInt16(output, range.End.Value - range.Start.Value);
                output.Write(annexB[range]);
            }
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>Every NAL of every array, in record order, each behind <c>00 00 00 01</c>.</summary>
    public static byte[] ToAnnexB(ReadOnlySpan<byte> record)
    {
        var cursor = new RecordCursor(record, "hvcC");
        if (cursor.ReadByte("configurationVersion") != 1)
        {
            throw new BitstreamException("The hvcC record has configurationVersion != 1.");
        }

        cursor.Skip(HeaderLength - 2, "hvcC header");
        var arrayCount = cursor.ReadByte("numOfArrays");
        var output = new ArrayBufferWriter<byte>(record.Length + 32);
        for (var array = 0; array < arrayCount; array++)
        {
            cursor.Skip(1, $"array {array} NAL_unit_type");
            var nalCount = cursor.ReadUInt16($"array {array} numNalus");
            for (var i = 0; i < nalCount; i++)
            {
                var length = cursor.ReadUInt16($"array {array} NAL {i} length");
                if (length == 0)
                {
                    throw new BitstreamException($"The hvcC record holds an empty NAL unit (array {array}, NAL {i}).");
                }

                output.Write<byte>([0, 0, 0, 1]);
                output.Write(cursor.Take(length, $"array {array} NAL {i}"));
            }
        }

        return output.WrittenSpan.ToArray();
    }

    public static int NalLengthSize(ReadOnlySpan<byte> record)
    {
        var cursor = new RecordCursor(record, "hvcC");
        cursor.Skip(LengthSizeOffset, "hvcC header");
        return (cursor.ReadByte("lengthSizeMinusOne") & 0x03) + 1;
    }

    internal static void WriteByte(ArrayBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    internal static void WriteUInt16(ArrayBufferWriter<byte> output, int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(2), (ushort)value);
        output.Advance(2);
    }
}
