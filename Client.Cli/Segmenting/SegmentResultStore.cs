using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Vtr.Cli.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// Validated segment results of one job, by segment index (the first result of a segment wins; a duplicate run's
/// is dropped), written by runner tasks and read once the job ended. Packet bytes go to one file per segment and only
/// timestamps stay in memory, so an hour of 1080p costs disk, not RAM; assembly reads back one segment at a time.
/// Each segment is two files written atomically (temp + rename): its packets, then a JSON header
/// (<see cref="StoredSegmentHeader"/>), so a header on disk always means a whole segment. In a resume folder they
/// outlive the process and <see cref="Load"/> takes them back; in a temp folder disposing deletes them.
/// </summary>
public sealed class SegmentResultStore : IDisposable
{
    private readonly ConcurrentDictionary<int, EncodedSegment> _headers = new();
    private readonly Lock _addLock = new();
    private readonly DirectoryInfo _directory;
    private readonly bool _deleteOnDispose;

    /// <summary>A private temp folder, deleted on dispose.</summary>
    public SegmentResultStore()
        : this(Directory.CreateTempSubdirectory("vtr-segments-").FullName, deleteOnDispose: true)
    {
    }

    /// <param name="directory">Where the segment files live (created when missing).</param>
    /// <param name="deleteOnDispose">False for a resume folder, whose segments must survive the process.</param>
    public SegmentResultStore(string directory, bool deleteOnDispose)
    {
        _directory = Directory.CreateDirectory(directory);
        _deleteOnDispose = deleteOnDispose;
    }

    public int Count => _headers.Count;

    /// <summary>Where the segment files live (tests check they are gone after Dispose).</summary>
    public string DirectoryPath => _directory.FullName;

    public bool Contains(int index) => _headers.ContainsKey(index);

    /// <summary>
    /// Writes the packets to disk and keeps the segment's timestamps (its packets without bytes); a second result for a
    /// segment already stored is dropped (false). The segment is visible only once written, and a duplicate returns only
    /// then: the coordinator runs a straggler's copy on another node, and the copy that loses can report the segment done
    /// (and so end the job, and start assembly) while the winner is still writing.
    /// </summary>
    public bool Add(EncodedSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        lock (_addLock)
        {
            if (_headers.ContainsKey(segment.Index))
            {
                return false;
            }

            Write(segment);
            _headers[segment.Index] = WithoutBytes(segment);
            return true;
        }
    }

    /// <summary>Puts a better attempt in place of the stored one (the even-quality loop's re-encode); the files are
    /// replaced packets first, so an interruption in between leaves a size mismatch that <see cref="Load"/> drops.</summary>
    public void Replace(EncodedSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (!_headers.ContainsKey(segment.Index))
        {
            throw new InvalidOperationException($"no stored result for segment {segment.Index} to replace");
        }

        Write(segment);
        _headers[segment.Index] = WithoutBytes(segment);
    }

    private static EncodedSegment WithoutBytes(EncodedSegment segment) =>
        segment with { Packets = [.. segment.Packets.Select(p => p with { AnnexB = ReadOnlyMemory<byte>.Empty })] };

    private void Write(EncodedSegment segment)
    {
        WriteAtomically(PacketsPath(segment.Index), file =>
        {
            Span<byte> length = stackalloc byte[sizeof(int)];
            foreach (var packet in segment.Packets)
            {
                BinaryPrimitives.WriteInt32LittleEndian(length, packet.AnnexB.Length);
                file.Write(length);
                file.Write(packet.AnnexB.Span);
            }
        });
        var json = StoredSegmentHeader.From(segment).ToJson();
        WriteAtomically(HeaderPath(segment.Index), file => file.Write(json));
    }

    /// <summary>
    /// Takes back the segments a previous run stored here that still fit <paramref name="plans"/> (a header, a packet
    /// file of the recorded size, and a result <see cref="SegmentResultValidator"/> accepts); deletes the rest.
    /// Returns how many were taken.
    /// </summary>
    public int Load(IReadOnlyList<SegmentPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        foreach (var path in Directory.EnumerateFiles(_directory.FullName, "*.json"))
        {
            var stored = StoredSegmentHeader.FromJson(File.ReadAllBytes(path));
            var usable = stored is not null && stored.Index >= 0 && stored.Index < plans.Count
                && HeaderPath(stored.Index) == path
                && new FileInfo(PacketsPath(stored.Index)) is { Exists: true } packets && packets.Length == stored.PacketBytes
                && SegmentResultValidator.Check(plans[stored.Index], stored.ToHeader().Packets) is null;
            if (usable)
            {
                _headers.TryAdd(stored!.Index, stored.ToHeader()); // usable implies stored is not null
            }
            else
            {
                File.Delete(path);
            }
        }

        return _headers.Count;
    }

    /// <summary>The stored segment's timestamps and record, without packet bytes; throws when it was never stored.</summary>
    public EncodedSegment Header(int index) =>
        _headers.TryGetValue(index, out var segment)
            ? segment
            : throw new InvalidOperationException($"no stored result for segment {index}");

    /// <summary>The stored segment's video bytes (its packets without their length prefixes), read from the file size.</summary>
    public long VideoBytes(int index) => new FileInfo(PacketsPath(index)).Length - ((long)sizeof(int) * Header(index).Packets.Length);

    /// <summary>The whole stored segment, packet bytes read back from disk.</summary>
    public EncodedSegment Get(int index)
    {
        var header = Header(index);
        var bytes = File.ReadAllBytes(PacketsPath(index));
        var packets = ImmutableArray.CreateBuilder<EncodedPacket>(header.Packets.Length);
        var offset = 0;
        foreach (var packet in header.Packets)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
            packets.Add(packet with { AnnexB = bytes.AsMemory(offset + sizeof(int), length) });
            offset += sizeof(int) + length;
        }

        return header with { Packets = packets.MoveToImmutable() };
    }

    public void Dispose()
    {
        if (!_deleteOnDispose)
        {
            return;
        }

        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless and the OS cleans it eventually.
        }
    }

    private static void WriteAtomically(string path, Action<FileStream> write)
    {
        var temp = path + ".tmp";
        using (var file = File.Create(temp))
        {
            write(file);
        }

        File.Move(temp, path, overwrite: true);
    }

    private string PacketsPath(int index) => Path.Combine(_directory.FullName, $"{index:D6}.bin");

    private string HeaderPath(int index) => Path.Combine(_directory.FullName, $"{index:D6}.json");
}
