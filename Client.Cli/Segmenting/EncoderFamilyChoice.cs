using Vtr.Shared.Cluster;
using Vtr.Shared.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// `--same-encoder`: the one backend a job stays on (pure). The family with the most sessions that encode the codec
/// wins (the most capacity), hardware before software on a tie, then by name so the choice is stable.
/// </summary>
public static class EncoderFamilyChoice
{
    /// <summary>Null when no registered node encodes <paramref name="codec"/>.</summary>
    public static string? Pick(ClusterStatus status, VideoCodec codec)
    {
        ArgumentNullException.ThrowIfNull(status);
        var name = codec.ToWireName();
        return status.Nodes
            .Where(n => n.EncodeCodecs.Contains(name, StringComparer.OrdinalIgnoreCase))
            .GroupBy(n => n.Backend, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(n => n.MaxSessions))
            .ThenByDescending(g => g.Any(n => n.IsHardware))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault();
    }
}
