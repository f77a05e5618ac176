using Vtr.Node.Codecs.Diagnostics;

namespace Vtr.Cli.Diagnostics;

/// <summary>The last line of `vtr doctor`: ready or not, and what the person should do next. Pure.</summary>
public static class DoctorSummary
{
    public const string Prefix = "summary: ";

    private const int NamedFailures = 3;

    public static string Summarize(IReadOnlyList<Finding> findings, string nodeBackend)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var failed = findings.Where(f => f.Level == FindingLevel.Fail).Select(f => f.Subject).ToList();
        var warned = findings.Count(f => f.Level == FindingLevel.Warn);
        if (failed.Count == 0)
        {
            var warnings = warned == 0 ? string.Empty : $" ({warned} warning{(warned == 1 ? "" : "s")} above, marked warn)";
            return $"{Prefix}ready{warnings}: `vtr node` will encode with {nodeBackend}; start it with `vtr node --seed SEEDHOST:4053`";
        }

        var named = string.Join("; ", failed.Take(NamedFailures)) + (failed.Count > NamedFailures ? $"; {failed.Count - NamedFailures} more" : "");
        return $"{Prefix}NOT READY, {failed.Count} check{(failed.Count == 1 ? "" : "s")} failed ({named}): "
            + "send this whole output to whoever runs your vtr farm (docs/running-a-mac-node.md, \"When something fails\")";
    }
}
