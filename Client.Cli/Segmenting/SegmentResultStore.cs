using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// Validated segment results of one job, by lease, written by runner tasks and read once the job ended. Packet
/// bytes go to one file per result in a private temp folder and only timestamps stay in memory, so an hour of
/// 1080p costs disk, not RAM; assembly reads back one segment at a time. Disposing deletes the folder.
/// </summary>
public sealed class SegmentResultStore : IDisposable
{
    private readonly ConcurrentDictionary<LeaseId, EncodedSegment> _headers = new();
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("vtr-segments-");

    public int Count => _headers.Count;

    /// <summary>Where the packet files live (tests check they are gone after Dispose).</summary>
    public string DirectoryPath => _directory.FullName;

    /// <summary>Writes the packets to disk and keeps the segment's timestamps (its packets without bytes).</summary>
    public void Add(EncodedSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        using (var file = File.Create(PathOf(segment.LeaseId)))
        {
            Span<byte> length = stackalloc byte[sizeof(int)];
            foreach (var packet in segment.Packets)
            {
                BinaryPrimitives.WriteInt32LittleEndian(length, packet.AnnexB.Length);
                file.Write(length);
                file.Write(packet.AnnexB.Span);
            }
        }

        var headers = segment.Packets.Select(p => p with { AnnexB = ReadOnlyMemory<byte>.Empty }).ToImmutableArray();
        _headers[segment.LeaseId] = segment with { Packets = headers };
    }

    /// <summary>The stored segment's timestamps and record, without packet bytes; throws when it was never stored.</summary>
    public EncodedSegment Header(LeaseId leaseId) =>
        _headers.TryGetValue(leaseId, out var segment)
            ? segment
            : throw new InvalidOperationException($"no stored result for lease {leaseId}");

    /// <summary>The whole stored segment, packet bytes read back from disk.</summary>
    public EncodedSegment Get(LeaseId leaseId)
    {
        var header = Header(leaseId);
        var bytes = File.ReadAllBytes(PathOf(leaseId));
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
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless and the OS cleans it eventually.
        }
    }

    private string PathOf(LeaseId leaseId) => Path.Combine(_directory.FullName, leaseId + ".bin");
}
