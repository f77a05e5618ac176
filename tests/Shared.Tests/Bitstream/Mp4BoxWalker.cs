using System.Buffers.Binary;

namespace Vtr.Shared.Tests.Bitstream;

/// <summary>
/// Just enough ISO-BMFF (ISO/IEC 14496-12) to dig a sample entry's configuration box out of an MP4:
/// moov/trak/mdia/minf/stbl/stsd/(avc1|hev1|hvc1)/(avcC|hvcC).
/// </summary>
internal static class Mp4BoxWalker
{
    // stsd is a full box (version + flags) followed by an entry count; a visual sample entry has
    // 78 bytes of fixed fields (ISO/IEC 14496-12 §12.1.3) before its child boxes.
    private const int StsdPreamble = 8;
    private const int VisualSampleEntryFields = 78;

    /// <summary>The payload (box header removed) of the avcC or hvcC box of the first video track.</summary>
    public static byte[] FindConfigurationPayload(byte[] mp4, string configurationType)
    {
        var stbl = FindPath(mp4, "moov", "trak", "mdia", "minf", "stbl");
        var stsd = Require(Find(stbl, "stsd"), "stsd");
        var entries = stsd[StsdPreamble..];
        var entryPayload = FirstBox(entries, out var entryType);
        if (entryType is not ("avc1" or "hev1" or "hvc1"))
        {
            throw new InvalidDataException($"Unexpected sample entry '{entryType}'.");
        }

        var configuration = Require(Find(entryPayload[VisualSampleEntryFields..], configurationType), configurationType);
        return configuration.ToArray();
    }

    private static ReadOnlySpan<byte> FindPath(ReadOnlySpan<byte> data, params string[] path)
    {
        var current = data;
        foreach (var type in path)
        {
            current = Require(Find(current, type), type);
        }

        return current;
    }

    private static ReadOnlySpan<byte> Require(ReadOnlySpan<byte> box, string type) =>
        box.IsEmpty ? throw new InvalidDataException($"No {type} box.") : box;

    private static ReadOnlySpan<byte> FirstBox(ReadOnlySpan<byte> data, out string type)
    {
        var size = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
        type = System.Text.Encoding.ASCII.GetString(data.Slice(4, 4));
        return data[8..size];
    }

    private static ReadOnlySpan<byte> Find(ReadOnlySpan<byte> data, string type)
    {
        var offset = 0;
        while (offset + 8 <= data.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
            if (size < 8 || offset + size > data.Length)
            {
                break;
            }

            if (System.Text.Encoding.ASCII.GetString(data.Slice(offset + 4, 4)) == type)
            {
                return data.Slice(offset + 8, size - 8);
            }

            offset += size;
        }

        return default;
    }
}
