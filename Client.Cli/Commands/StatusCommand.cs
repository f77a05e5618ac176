using System.CommandLine;
using System.Net.Sockets;
using System.Text.Json;
using Spectre.Console;
using Vtr.Cli.Rendering;
using Vtr.Seed.Contact;
using Vtr.Shared.Cluster;
using Vtr.Shared.Security;

namespace Vtr.Cli.Commands;

/// <summary>
/// `vtr status [--seed HOST:PORT] [--watch] [--json]`: the cluster's nodes and jobs, read from a seed's contact point
/// (one TCP exchange, no cluster join: answers in well under a second and adds no member to the farm).
/// </summary>
public static class StatusCommand
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(IAnsiConsole? console = null)
    {
        var seeds = new Option<string[]>("--seed") { Description = "seed HOST:PORT to ask (repeatable)", DefaultValueFactory = _ => ["127.0.0.1:4053"], AllowMultipleArgumentsPerToken = true };
        var watch = new Option<bool>("--watch") { Description = "refresh every second until Ctrl+C" };
        var json = new Option<bool>("--json") { Description = "print the status as JSON (for scripts)" };
        var command = new Command("status", "Show the cluster's nodes (sessions, fps) and jobs") { seeds, watch, json };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!SeedList.TryParse(parse.GetValue(seeds) ?? [], out var seedList, out var bad))
            {
                await error.WriteLineAsync($"vtr status: --seed '{bad}' is not HOST:PORT (see --help)").ConfigureAwait(false);
                return (int)ExitCode.BadArguments;
            }

            var ansi = console ?? AnsiConsole.Console;
            try
            {
                using var farm = FarmCredentials.TryLoad();
                if (parse.GetValue(watch) && !parse.GetValue(json))
                {
                    await WatchAsync(ansi, seedList, farm, ct).ConfigureAwait(false);
                    return (int)ExitCode.Success;
                }

                var reply = await AskAsync(seedList, farm, ct).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    var document = new StatusDocument(
                        reply.Version, FarmView.Of(farm), reply.MemberStates ?? [], reply.Status!.Nodes, reply.Status.Jobs);
                    ansi.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(document, Json));
                }
                else
                {
                    // Written as is: Spectre wraps text at 80 columns when output is redirected, and scripts grep this line.
                    ansi.Profile.Out.Writer.WriteLine(FarmLine(farm));
                    ansi.Write(ClusterStatusView.Render(reply.Status!, reply.Version));
                }

                return (int)ExitCode.Success;
            }
            catch (StatusUnavailableException ex)
            {
                await error.WriteLineAsync("vtr status: " + ex.Message).ConfigureAwait(false);
                return (int)ExitCode.ClusterUnreachable;
            }
            catch (Exception ex) when (ex is FarmAccessDeniedException or FarmCredentialsException)
            {
                await error.WriteLineAsync("vtr status: " + ex.Message).ConfigureAwait(false);
                return (int)ExitCode.NotInFarm;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return (int)ExitCode.Success;
            }
        });
        return command;
    }

    /// <summary>The farm line (secured or open, as this machine's credentials say), then the nodes and jobs.</summary>
    private static Rows Render(ContactReply reply, FarmCredentials? farm) =>
        new(new Text(FarmLine(farm)), ClusterStatusView.Render(reply.Status!, reply.Version));

    private static string FarmLine(FarmCredentials? farm) => "farm: " + FarmNotice.Describe(farm);

    private static async Task WatchAsync(IAnsiConsole console, List<SeedEndPoint> seeds, FarmCredentials? farm, CancellationToken ct)
    {
        var first = await AskAsync(seeds, farm, ct).ConfigureAwait(false);
        await console.Live(Render(first, farm)).StartAsync(async live =>
        {
            using var tick = new PeriodicTimer(WatchPeriod);
            while (await tick.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    var reply = await AskAsync(seeds, farm, ct).ConfigureAwait(false);
                    live.UpdateTarget(Render(reply, farm));
                }
                catch (StatusUnavailableException ex)
                {
                    live.UpdateTarget(new Text(ex.Message));
                }
            }
        }).ConfigureAwait(false);
    }

    /// <summary>The answer (with a status) of the first seed that gives one, asked with this machine's farm credentials.</summary>
    public static async Task<ContactReply> AskAsync(IReadOnlyList<SeedEndPoint> seeds, FarmCredentials? farm, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var problems = new List<string>();
        foreach (var seed in seeds)
        {
            try
            {
                var answer = await ContactPointClient.AskAsync(seed, ContactProtocol.StatusVerb, AskTimeout, ct, farm).ConfigureAwait(false);
                if (answer.Reply.Status is not null)
                {
                    return answer.Reply;
                }

                problems.Add($"{seed}: {answer.Reply.Error ?? "no status in the answer"}");
            }
            catch (ContactRefusedException)
            {
                problems.Add($"no vtr seed at {seed} (connection refused)");
            }
            catch (Exception ex) when (ex is IOException or SocketException or JsonException ||
                                       (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                problems.Add($"{seed} did not answer ({ex.Message})");
            }
        }

        throw new StatusUnavailableException(string.Join("; ", problems));
    }

    private sealed class StatusUnavailableException(string message) : Exception(message);

    /// <summary>What `--json` prints: the answering seed's version, the members as it sees them, the nodes and the jobs.</summary>
    private sealed record StatusDocument(
        string? SeedVersion,
        FarmView Farm,
        System.Collections.Immutable.ImmutableArray<MemberView> Members,
        System.Collections.Immutable.ImmutableArray<NodeView> Nodes,
        System.Collections.Immutable.ImmutableArray<JobView> Jobs);

    /// <summary>The farm in `--json`: secured or open, and for a secured one its fingerprint and credentials path (no secret).</summary>
    private sealed record FarmView(bool Secured, string? Fingerprint, string? Path)
    {
        public static FarmView Of(FarmCredentials? farm) => new(farm is not null, farm?.Pin.Fingerprint, farm?.Path);
    }
}
