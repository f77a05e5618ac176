using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Vtr.Cli.Media;

/// <summary>A packet as ffprobe lists it (file order), timestamps in its stream's time base; null when absent.</summary>
internal sealed record ProbedPacket(int StreamIndex, long? Pts, long? Dts, bool IsKeyframe, string DataHash);

internal sealed record ProbedStream(int Index, MediaStreamKind Kind, long TimeBaseNumerator, long TimeBaseDenominator)
{
    public double Seconds(long timestamp) => timestamp * (double)TimeBaseNumerator / TimeBaseDenominator;

    public double TickSeconds => (double)TimeBaseNumerator / TimeBaseDenominator;
}

/// <summary>ffprobe's view of a file: streams and every packet with an MD5 of its payload.</summary>
internal sealed record ProbedPackets(ImmutableArray<ProbedStream> Streams, ImmutableArray<ProbedPacket> Packets)
{
    public static async Task<ProbedPackets> ReadAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        var result = await MediaToolRunner.RunAsync(
            MediaToolRunner.FFprobe,
            ["-v", "error", "-show_data_hash", "md5", "-show_entries",
                "stream=index,codec_type,time_base:packet=stream_index,pts,dts,flags,data_hash", "-of", "json", path],
            timeout,
            ct);
        if (!result.Succeeded)
        {
            throw new MediaOpenException($"ffprobe cannot read '{path}': {result.LastErrorLine}");
        }

        using var json = JsonDocument.Parse(result.StandardOutput);
        var streams = ImmutableArray.CreateBuilder<ProbedStream>();
        foreach (var stream in json.RootElement.GetProperty("streams").EnumerateArray())
        {
            var timeBase = stream.GetProperty("time_base").GetString()!.Split('/');
            streams.Add(new ProbedStream(
                stream.GetProperty("index").GetInt32(),
                KindOf(stream.TryGetProperty("codec_type", out var type) ? type.GetString() : null),
                long.Parse(timeBase[0], CultureInfo.InvariantCulture),
                long.Parse(timeBase[1], CultureInfo.InvariantCulture)));
        }

        var packets = ImmutableArray.CreateBuilder<ProbedPacket>();
        if (json.RootElement.TryGetProperty("packets", out var list))
        {
            foreach (var packet in list.EnumerateArray())
            {
                packets.Add(new ProbedPacket(
                    packet.GetProperty("stream_index").GetInt32(),
                    packet.TryGetProperty("pts", out var pts) ? pts.GetInt64() : null,
                    packet.TryGetProperty("dts", out var dts) ? dts.GetInt64() : null,
                    packet.TryGetProperty("flags", out var flags) && flags.GetString()!.Contains('K', StringComparison.Ordinal),
                    packet.TryGetProperty("data_hash", out var hash) ? hash.GetString()! : string.Empty));
            }
        }

        return new ProbedPackets(streams.ToImmutable(), packets.ToImmutable());
    }

    public ProbedStream? FirstOf(MediaStreamKind kind) => Streams.FirstOrDefault(s => s.Kind == kind);

    public List<ProbedPacket> PacketsOf(int streamIndex) => Packets.Where(p => p.StreamIndex == streamIndex).ToList();

    private static MediaStreamKind KindOf(string? type) => type switch
    {
        "video" => MediaStreamKind.Video,
        "audio" => MediaStreamKind.Audio,
        "subtitle" => MediaStreamKind.Subtitle,
        "data" => MediaStreamKind.Data,
        "attachment" => MediaStreamKind.Attachment,
        _ => MediaStreamKind.Unknown,
    };
}
