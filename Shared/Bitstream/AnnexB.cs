using System.Buffers.Binary;
using Vtr.Shared.Media;

namespace Vtr.Shared.Bitstream;

/// <summary>
/// Conversions between Annex B (start codes) and length-prefixed NAL streams (the MP4/VideoToolbox
/// sample form). WIRE.md §6.1: PACKET data is always Annex B with 4-byte start codes; VideoToolbox
/// hands out length-prefixed samples whose prefix size comes from avcC/hvcC.
/// All methods work on caller spans and allocate nothing.
/// </summary>
public static class AnnexB
{
    private const int StartCodeLength = 4;

    /// <summary>True when the data begins with <c>00 00 01</c> or <c>00 00 00 01</c>.</summary>
    public static bool StartsWithStartCode(ReadOnlySpan<byte> data) =>
        (data.Length >= 3 && data[0] == 0 && data[1] == 0 && data[2] == 1)
        || (data.Length >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] == 1);

    /// <summary>
    /// An upper bound for <see cref="ToLengthPrefixed"/> that needs no scan: every Annex B NAL costs
    /// at least four bytes (3-byte start code + header), so each can grow by at most
    /// <c>lengthSize - 3</c> bytes. Use it to rent a buffer before looking at the data.
    /// </summary>
    public static int MaxLengthPrefixedSize(int annexBLength, int lengthSize = 4)
    {
        NalUnitReader.CheckLengthSize(lengthSize);
        ArgumentOutOfRangeException.ThrowIfNegative(annexBLength);
        var growthPerNal = Math.Max(0, lengthSize - 3);
        return checked(annexBLength + (growthPerNal * (annexBLength / 4)) + growthPerNal);
    }

    /// <summary>The exact number of bytes <see cref="ToLengthPrefixed"/> will write.</summary>
    public static int LengthPrefixedSize(ReadOnlySpan<byte> annexB, int lengthSize = 4)
    {
        NalUnitReader.CheckLengthSize(lengthSize);
        var size = 0;
        var reader = NalUnitReader.ForAnnexB(annexB);
        while (reader.TryReadNext(out var nal))
        {
            size += lengthSize + nal.Length;
        }

        return size;
    }

    /// <summary>
    /// Rewrites Annex B as length-prefixed NALs with big-endian lengths of <paramref name="lengthSize"/>
    /// bytes and returns the number of bytes written. <paramref name="destination"/> must not overlap
    /// the input. Throws <see cref="BitstreamException"/> when a NAL is too long for the length field,
    /// <see cref="ArgumentException"/> when the destination is too small.
    /// </summary>
    public static int ToLengthPrefixed(ReadOnlySpan<byte> annexB, Span<byte> destination, int lengthSize = 4)
    {
        NalUnitReader.CheckLengthSize(lengthSize);
        var maxNalLength = lengthSize == 4 ? int.MaxValue : (1L << (8 * lengthSize)) - 1;
        var written = 0;
        var reader = NalUnitReader.ForAnnexB(annexB);
        while (reader.TryReadNext(out var range))
        {
            if (range.Length > maxNalLength)
            {
                throw new BitstreamException($"A {range.Length}-byte NAL unit does not fit a {lengthSize}-byte length field.");
            }

            EnsureRoom(destination, written, lengthSize + range.Length);
            WriteLength(destination.Slice(written, lengthSize), (uint)range.Length);
            reader.Current.CopyTo(destination[(written + lengthSize)..]);
            written += lengthSize + range.Length;
        }

        return written;
    }

    /// <summary>
    /// The exact number of bytes <see cref="FromLengthPrefixed"/> will write. Throws
    /// <see cref="BitstreamException"/> when a length runs past the end.
    /// </summary>
    public static int AnnexBSize(ReadOnlySpan<byte> lengthPrefixed, int lengthSize)
    {
        var size = 0;
        var reader = NalUnitReader.ForLengthPrefixed(lengthPrefixed, lengthSize);
        while (reader.TryReadNext(out var nal))
        {
            size += StartCodeLength + nal.Length;
        }

        ThrowIfDamaged(reader, lengthSize);
        return size;
    }

    /// <summary>
    /// Rewrites length-prefixed NALs as Annex B with <c>00 00 00 01</c> before each NAL and returns
    /// the number of bytes written; zero-length NALs are dropped. With <paramref name="lengthSize"/> 4
    /// the destination may be the very same memory as the input (in-place conversion): every write
    /// lands on bytes already read. Throws <see cref="BitstreamException"/> when a length runs past
    /// the end (output already written up to that NAL is then unspecified).
    /// </summary>
    public static int FromLengthPrefixed(ReadOnlySpan<byte> lengthPrefixed, int lengthSize, Span<byte> destination)
    {
        var written = 0;
        var reader = NalUnitReader.ForLengthPrefixed(lengthPrefixed, lengthSize);
        while (reader.TryReadNext(out var range))
        {
            EnsureRoom(destination, written, StartCodeLength + range.Length);

            // NAL first, then the start code: in place the start code overwrites this NAL's length
            // field, which has been read already. Span.CopyTo is a memmove, so overlap is safe.
            reader.Current.CopyTo(destination[(written + StartCodeLength)..]);
            destination[written] = 0;
            destination[written + 1] = 0;
            destination[written + 2] = 0;
            destination[written + 3] = 1;
            written += StartCodeLength + range.Length;
        }

        ThrowIfDamaged(reader, lengthSize);
        return written;
    }

    /// <summary>
    /// True when any NAL is a random-access picture: H.264 IDR (type 5) or HEVC IRAP (types 16..23).
    /// </summary>
    public static bool ContainsKeyframe(VideoCodec codec, ReadOnlySpan<byte> annexB)
    {
        foreach (var nal in NalUnitReader.ForAnnexB(annexB))
        {
            var isKey = codec == VideoCodec.Hevc
                ? HevcNalUnitType.IsIrap(HevcNalUnitType.Of(nal))
                : H264NalUnitType.Of(nal) == H264NalUnitType.Idr;
            if (isKey)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="annexB"/> starts with a start code and every NAL in it is a parameter set, SEI,
    /// delimiter or filler (H.264 types 6..13, HEVC 32..40): an access unit with no picture of its own.
    /// </summary>
    public static bool HoldsOnlyNonPictureNals(VideoCodec codec, ReadOnlySpan<byte> annexB)
    {
        if (!StartsWithStartCode(annexB))
        {
            return false;
        }

        var any = false;
        foreach (var nal in NalUnitReader.ForAnnexB(annexB))
        {
            var nonPicture = codec == VideoCodec.Hevc
                ? HevcNalUnitType.Of(nal) is >= 32 and <= 40
                : H264NalUnitType.Of(nal) is >= 6 and <= 13;
            if (!nonPicture)
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static void ThrowIfDamaged(NalUnitReader reader, int lengthSize)
    {
        if (reader.IsDamaged)
        {
            throw new BitstreamException($"Length-prefixed data ({lengthSize}-byte lengths) is truncated: a NAL length runs past the end.");
        }
    }

    private static void EnsureRoom(Span<byte> destination, int written, int needed)
    {
        if (destination.Length - written < needed)
        {
            throw new ArgumentException("The destination is too small; size it with LengthPrefixedSize/AnnexBSize.", nameof(destination));
        }
    }

    private static void WriteLength(Span<byte> field, uint length)
    {
        switch (field.Length)
        {
            case 1:
                field[0] = (byte)length;
                break;
            case 2:
                BinaryPrimitives.WriteUInt16BigEndian(field, (ushort)length);
                break;
            case 3:
                field[0] = (byte)(length >> 16);
                field[1] = (byte)(length >> 8);
                field[2] = (byte)length;
                break;
            default:
                BinaryPrimitives.WriteUInt32BigEndian(field, length);
                break;
        }
    }
}
