using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Vtr.Seed.Jobs;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Rendering;

/// <summary>
/// `vtr status` as two compact tables that fit 80 columns: nodes (endpoint, backend, sessions, fps, version) and jobs,
/// with one warning line above them when the members run different versions (<see cref="VersionSkew"/>), and one red line
/// under the nodes for each node the cluster has unreachable (killed, cut off, not dropped yet): its numbers are stale.
/// </summary>
public static class ClusterStatusView
{
    private const int EndpointWidth = 21;
    private const int ClientWidth = 16;

    // NUMBER+COMMIT of a release (0.1.0+c925ba3); a longer pre-release suffix is cut, the warning line has it whole.
    private const int VersionWidth = 14;

    /// <param name="seedVersion">The answering seed's version (<see cref="Vtr.Seed.Contact.ContactReply.Version"/>).</param>
    public static IRenderable Render(ClusterStatus status, string? seedVersion = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        var inv = CultureInfo.InvariantCulture;
        var nodes = new Table().Border(TableBorder.Simple).AddColumns("node", "backend", "codecs", "sessions", "fps", "version");
        foreach (var n in status.Nodes)
        {
            var inUse = Math.Max(n.ActiveLeases, n.ReportedSessionsInUse);
            nodes.AddRow(
                Markup.Escape(Fit($"{n.Host}:{n.Port}", EndpointWidth)),
                Markup.Escape($"{n.Backend} {(n.IsHardware ? "hw" : "sw")}"),
                Markup.Escape(string.Join(",", n.EncodeCodecs).ToLowerInvariant()),
                string.Create(inv, $"{inUse}/{n.MaxSessions}"),
                n.IsUnreachable ? "-" : n.MeasuredFps.ToString("0.0", inv),
                Markup.Escape(Fit(n.Version ?? VersionSkew.Unknown, VersionWidth)));
        }

        var jobs = new Table().Border(TableBorder.Simple).AddColumns("job", "client", "codec", "done", "running", "progress");
        foreach (var j in status.Jobs)
        {
            var fraction = j.TotalSegments > 0 ? (double)j.CompletedSegments / j.TotalSegments : 0;
            jobs.AddRow(
                Markup.Escape(j.JobId.Short),
                Markup.Escape(Fit(j.ClientName, ClientWidth)),
                Markup.Escape(j.Codec),
                string.Create(inv, $"{j.CompletedSegments}/{j.TotalSegments}"),
                j.ActiveLeases.ToString(inv),
                (fraction * 100).ToString("0", inv) + "%");
        }

        var parts = new List<IRenderable>();
        if (VersionSkew.Describe(seedVersion, status.Nodes) is { } skew)
        {
            parts.Add(new Markup($"[yellow]{Markup.Escape(skew)}[/]"));
        }

        parts.AddRange(
        [
            new Markup($"[bold]nodes[/] ({status.Nodes.Length})"),
            status.Nodes.IsEmpty ? new Text("  no encoder nodes registered") : nodes,
        ]);
        parts.AddRange(status.Nodes.Where(n => n.IsUnreachable).Select(Unreachable));
        parts.AddRange(
        [
            new Markup($"[bold]jobs[/] ({status.Jobs.Length})"),
            status.Jobs.IsEmpty ? new Text("  no jobs running") : jobs,
        ]);
        return new Rows(parts);
    }

    /// <summary>One line within 80 columns (Spectre would wrap a longer one): the node gets no new segment meanwhile.</summary>
    private static Markup Unreachable(NodeView node) => new(
        Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"  {Fit($"{node.Host}:{node.Port}", EndpointWidth)} unreachable for {Math.Floor(node.UnreachableSeconds ?? 0):0} s (segments move elsewhere at {JobCoordinator.UnreachableGrace.TotalSeconds:0} s)")),
        new Style(Color.Red));

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
