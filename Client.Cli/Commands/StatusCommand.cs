using System.CommandLine;
using System.Globalization;
using Akka.Actor;
using Spectre.Console;
using Vtr.Cli.Embedded;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Commands;

/// <summary>`vtr status --seed HOST:PORT`: joins as a client, asks the coordinator for nodes and jobs, prints them, exits.</summary>
public static class StatusCommand
{
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static Command Create(IAnsiConsole? console = null)
    {
        var seeds = new Option<string[]>("--seed") { Description = "cluster seed HOST:PORT (repeatable)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("status", "Show the cluster's nodes and jobs") { seeds };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var seedList = parse.GetValue(seeds) ?? [];
            if (seedList.Length == 0)
            {
                seedList = [$"127.0.0.1:{Seed.Hosting.VtrClusterOptions.DefaultPort}"];
            }

            try
            {
                await using var cluster = await ClusterConnection.JoinAsync(seedList, ClusterConnection.DefaultJoinTimeout, ct).ConfigureAwait(false);
                var status = await cluster.Coordinator.Ask<ClusterStatus>(GetClusterStatus.Instance, AskTimeout, ct).ConfigureAwait(false);
                Render(console ?? AnsiConsole.Console, status);
                return (int)ExitCode.Success;
            }
            catch (ClusterUnreachableException ex)
            {
                await error.WriteLineAsync("vtr status: " + ex.Message).ConfigureAwait(false);
                return (int)ExitCode.ClusterUnreachable;
            }
            catch (AskTimeoutException)
            {
                await error.WriteLineAsync($"vtr status: the job coordinator did not answer within {AskTimeout.TotalSeconds:0} s").ConfigureAwait(false);
                return (int)ExitCode.ClusterUnreachable;
            }
        });
        return command;
    }

    /// <summary>Nodes table (endpoint, backend, hw/sw, codecs, sessions, fps) and jobs table (progress).</summary>
    public static void Render(IAnsiConsole console, ClusterStatus status)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(status);
        var inv = CultureInfo.InvariantCulture;
        var nodes = new Table().Title("nodes").AddColumns("node", "endpoint", "backend", "kind", "codecs", "sessions", "fps");
        foreach (var n in status.Nodes)
        {
            var inUse = Math.Max(n.ActiveLeases, n.ReportedSessionsInUse);
            nodes.AddRow(
                Markup.Escape(n.NodeId.Value),
                Markup.Escape($"{n.Host}:{n.Port}"),
                Markup.Escape(n.Backend),
                n.IsHardware ? "hw" : "sw",
                Markup.Escape(string.Join(",", n.EncodeCodecs)),
                string.Create(inv, $"{inUse}/{n.MaxSessions}"),
                n.MeasuredFps.ToString("0.0", inv));
        }

        console.Write(nodes);
        if (status.Nodes.IsEmpty)
        {
            console.MarkupLine("no encoder nodes registered");
        }

        var jobs = new Table().Title("jobs").AddColumns("job", "client", "codec", "segments done", "pending", "running", "progress");
        foreach (var j in status.Jobs)
        {
            var fraction = j.TotalSegments > 0 ? (double)j.CompletedSegments / j.TotalSegments : 0;
            jobs.AddRow(
                Markup.Escape(j.JobId.Value),
                Markup.Escape(j.ClientName),
                Markup.Escape(j.Codec),
                string.Create(inv, $"{j.CompletedSegments}/{j.TotalSegments}"),
                j.PendingSegments.ToString(inv),
                j.ActiveLeases.ToString(inv),
                (fraction * 100).ToString("0", inv) + "%");
        }

        console.Write(jobs);
        if (status.Jobs.IsEmpty)
        {
            console.MarkupLine("no jobs running");
        }
    }
}
