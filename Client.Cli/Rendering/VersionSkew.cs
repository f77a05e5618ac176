using System.Globalization;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Rendering;

/// <summary>
/// Whether the members `vtr status` sees run different vtr builds. Cluster messages are versioned only by adding
/// optional fields, so a mix mostly works; but a mix is also how a message a member cannot read reaches it, and the
/// operator should know before a job fails. One line, or null when every member reports the same version.
/// </summary>
public static class VersionSkew
{
    /// <summary>How a member that did not report a version (one older than the field) is counted and shown.</summary>
    public const string Unknown = "unknown";

    /// <param name="seedVersion">The answering seed's version; null when it is too old to say.</param>
    public static string? Describe(string? seedVersion, IEnumerable<NodeView> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var members = new List<(string Version, bool IsSeed)> { (seedVersion ?? Unknown, true) };
        members.AddRange(nodes.Select(n => (n.Version ?? Unknown, false)));
        var groups = members
            .GroupBy(m => m.Version, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (groups.Count <= 1)
        {
            return null;
        }

        var parts = groups.Select(g => $"{g.Key} ({Who(g.Any(m => m.IsSeed), g.Count(m => !m.IsSeed))})");
        return "warning: members run different vtr versions: " + string.Join(", ", parts) + "; upgrade them to one release";
    }

    private static string Who(bool seed, int nodes)
    {
        var nodeText = nodes switch
        {
            0 => null,
            1 => "1 node",
            _ => string.Create(CultureInfo.InvariantCulture, $"{nodes} nodes"),
        };
        return (seed, nodeText) switch
        {
            (true, null) => "seed",
            (true, _) => "seed, " + nodeText,
            _ => nodeText!,
        };
    }
}
