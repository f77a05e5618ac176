using System.Collections.Immutable;

namespace Vtr.Cli.Media;

/// <summary>A packet as the demuxer reads it (file order), timestamps in its stream's time base; null when absent.</summary>
internal sealed record ProbedPacket(int StreamIndex, long? Pts, long? Dts, bool IsKeyframe, string DataHash);

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
