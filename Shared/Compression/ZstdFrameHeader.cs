using System.Buffers.Binary;

namespace Vtr.Shared.Compression;

/// <summary>Reads the content size a zstd frame header declares (RFC 8878 §3.1.1.1), without decompressing.</summary>
internal static class ZstdFrameHeader
{
    internal const uint FrameMagic = 0xFD2FB528;

    /// <summary>
    /// False when the bytes are not a complete zstd frame header. On success <paramref name="contentSize"/>
    /// is null when the frame does not declare its size.
    /// </summary>
    public static bool TryReadContentSize(ReadOnlySpan<byte> frame, out ulong? contentSize)
    {
        contentSize = null;
        if (frame.Length < 5 || BinaryPrimitives.ReadUInt32LittleEndian(frame) != FrameMagic)
        {
            return false;
        }

        var descriptor = frame[4];
        var sizeFlag = descriptor >> 6;
        var singleSegment = (descriptor & 0x20) != 0;
        int dictionaryIdBytes = (descriptor & 0x03) switch
        {
            0 => 0,
            1 => 1,
            2 => 2,
            _ => 4,
        };
        int sizeBytes = sizeFlag switch
        {
            0 => singleSegment ? 1 : 0,
            1 => 2,
            2 => 4,
            _ => 8,
        };
        var offset = 5 + (singleSegment ? 0 : 1) + dictionaryIdBytes;
        if (frame.Length < offset + sizeBytes)
        {
            return false;
        }

        var field = frame.Slice(offset, sizeBytes);
        contentSize = sizeBytes switch
        {
            0 => null,
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(field) + 256UL,
            4 => BinaryPrimitives.ReadUInt32LittleEndian(field),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(field),
        };
        return true;
    }
}
