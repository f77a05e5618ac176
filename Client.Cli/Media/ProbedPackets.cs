using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;

namespace Vtr.Cli.Media;

/// <summary>
/// A packet as the demuxer reads it (file order), timestamps in its stream's time base; null when absent. A struct with
/// the payload's hash inline: a listing holds one per packet of the file (an hour of film with audio is ~500k), so a
/// class and a hex string each would cost ~220 bytes of heap per audio packet instead of ~80.
/// </summary>
internal readonly record struct ProbedPacket(int StreamIndex, long? Pts, long? Dts, bool IsKeyframe, PayloadHash DataHash);

/// <summary>SHA-256 of a packet's payload (default for video packets, which are re-encoded and not compared).</summary>
internal readonly record struct PayloadHash(ulong A, ulong B, ulong C, ulong D)
{
    public bool IsEmpty => this == default;

    public static PayloadHash Of(ReadOnlySpan<byte> payload)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(payload, digest);
        return new(
            BinaryPrimitives.ReadUInt64BigEndian(digest),
            BinaryPrimitives.ReadUInt64BigEndian(digest[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(digest[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(digest[24..]));
    }
}

internal sealed record ProbedStream(int Index, MediaStreamKind Kind, long TimeBaseNumerator, long TimeBaseDenominator)
{
    public double Seconds(long timestamp) => timestamp * (double)TimeBaseNumerator / TimeBaseDenominator;

    public double TickSeconds => (double)TimeBaseNumerator / TimeBaseDenominator;
}

/// <summary>A file as its demuxer lists it: streams and every packet, non-video packets with a hash of their payload.</summary>
internal sealed record ProbedPackets(ImmutableArray<ProbedStream> Streams, ImmutableArray<ProbedPacket> Packets)
{
    /// <summary>Lists <paramref name="path"/> with the in-process libavformat (<see cref="PacketListing"/>) on a worker thread.</summary>
    public static Task<ProbedPackets> ReadAsync(string path, CancellationToken ct) => Task.Run(() => PacketListing.Read(path), ct);

    public ProbedStream? FirstOf(MediaStreamKind kind) => Streams.FirstOrDefault(s => s.Kind == kind);

    public List<ProbedPacket> PacketsOf(int streamIndex) => Packets.Where(p => p.StreamIndex == streamIndex).ToList();
}
