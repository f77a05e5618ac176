namespace Vtr.Shared.Bitstream;

/// <summary>
/// One avcC for segments that differ only in their level. x264 picks an encode's level itself, and in ABR without a
/// VBV it counts twice the bitrate asked, so segments steered to different <c>--bitrate</c> asks can carry SPSs that
/// differ in <c>level_idc</c> alone (1.3 beside 2.0 at 320x180 and 400 kb/s). A stream within a level is within every
/// higher one, so the highest level serves all of them: the output then has one record that tells the truth about
/// every segment (the first segment's could understate a later one's), and no parameter-set switch between segments.
/// </summary>
public static class H264LevelUnifier
{
    /// <summary>avcC's AVCLevelIndication, and level_idc within an SPS NAL (header, profile_idc, constraint flags).</summary>
    private const int RecordLevelOffset = 3;
    private const int SpsLevelOffset = 3;

    /// <summary>The one record at the highest level among <paramref name="records"/> when they differ in nothing but
    /// the level bytes; null when any two differ in more or a record is not an avcC this reads.</summary>
    public static byte[]? Unify(IReadOnlyList<ReadOnlyMemory<byte>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0 || !TryLevelOffsets(records[0].Span, out var offsets))
        {
            return null;
        }

        var first = records[0].Span;
        var highest = first[RecordLevelOffset];
        foreach (var record in records)
        {
            var span = record.Span;
            if (span.Length != first.Length || !SameOutside(first, span, offsets))
            {
                return null;
            }

            highest = Math.Max(highest, span[RecordLevelOffset]);
        }

        var unified = first.ToArray();
        foreach (var offset in offsets)
        {
            unified[offset] = highest;
        }

        return unified;
    }

    /// <summary>Where the level sits: the record's own byte and each SPS's (the SPS count is the low 5 bits of byte 5,
    /// each SPS a u16 length and the NAL).</summary>
    private static bool TryLevelOffsets(ReadOnlySpan<byte> record, out List<int> offsets)
    {
        offsets = [RecordLevelOffset];
        if (record.Length < 7 || record[0] != 1)
        {
            return false;
        }

        var position = 6;
        for (var i = 0; i < (record[5] & 0x1F); i++)
        {
            if (position + 2 > record.Length)
            {
                return false;
            }

            var length = (record[position] << 8) | record[position + 1];
            position += 2;
            if (length <= SpsLevelOffset || position + length > record.Length)
            {
                return false;
            }

            offsets.Add(position + SpsLevelOffset);
            position += length;
        }

        return offsets.Count > 1;
    }

    private static bool SameOutside(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, List<int> levelOffsets)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && !levelOffsets.Contains(i))
            {
                return false;
            }
        }

        return true;
    }
}
