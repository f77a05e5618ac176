using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Vtr.Cli.Service;
using Vtr.Node.Hosting;

namespace Vtr.Cli.Commands;

/// <summary>
/// `vtr service install node|seed [--system] [daemon options…]`. The daemon's options are the very Option objects of
/// `vtr node`/`vtr seed` (a throw-away instance of each command lends them), so --help lists them and a typo or a bad
/// value is refused now, not by a service that then fails at every restart. What the user typed for them is written
/// into the service, in their canonical spelling; defaults stay defaults, so a later release's defaults apply.
/// </summary>
public static class ServiceInstallCommand
{
    /// <summary>Options of the daemon that make no sense for a service: it must neither exit after one job nor self-test.</summary>
    private static readonly HashSet<string> NotForServices = ["--once", "--self-test"];

    public static Command Create(ServiceRole role, Command daemon, ServiceCommand.Context context)
    {
        ArgumentNullException.ThrowIfNull(daemon);
        ArgumentNullException.ThrowIfNull(context);
        var system = ServiceCommand.SystemOption();
        var account = new Option<string>("--service-user")
        {
            Description = "with --system: the dedicated account the service runs as",
            DefaultValueFactory = _ => ServiceDefinition.DefaultAccount,
        };
        var daemonOptions = daemon.Options.Where(o => !NotForServices.Contains(o.Name)).ToList();
        var command = new Command(role.Command(), $"Install `vtr {role.Command()}` with these options as a service")
        {
            system, account,
        };
        foreach (var option in daemonOptions)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, _) =>
        {
            var name = $"vtr service install {role.Command()}";
            var error = parse.InvocationConfiguration.Error;
            var options = TypedOptions(parse, daemonOptions);
            if (Problem(role, parse, daemonOptions) is { } problem)
            {
                await error.WriteLineAsync($"{name}: {problem} (see '{name} --help')").ConfigureAwait(false);
                return (int)ExitCode.BadArguments;
            }

            var locations = context.Locations();
            var scope = parse.GetValue(system) ? ServiceScope.System : ServiceScope.User;
            if (scope == ServiceScope.System && locations.IsMacOS)
            {
                await error.WriteLineAsync($"{name}: --system is for Linux; on macOS vtr runs as a launch agent of the logged-in user (leave out --system)").ConfigureAwait(false);
                return (int)ExitCode.BadArguments;
            }

            var definition = new ServiceDefinition(role, context.Invocation(), options, scope, scope == ServiceScope.System ? parse.GetValue(account) : null);
            try
            {
                foreach (var line in new ServiceInstaller(locations, context.Tools).Install(definition))
                {
                    await parse.InvocationConfiguration.Output.WriteLineAsync(line).ConfigureAwait(false);
                }

                return (int)ExitCode.Success;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var hint = scope == ServiceScope.System ? "run it as root, e.g. with sudo" : "check that the folder is yours and writable";
                await error.WriteLineAsync($"{name}: cannot write {locations.FileFor(definition)}: {ex.Message} ({hint})").ConfigureAwait(false);
                return (int)ExitCode.Failure;
            }
        });
        return command;
    }

    /// <summary>The daemon options the user typed, as `--name value…` in the order of the daemon's --help.</summary>
    public static List<string> TypedOptions(ParseResult parse, IEnumerable<Option> daemonOptions)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(daemonOptions);
        var words = new List<string>();
        foreach (var option in daemonOptions)
        {
            if (parse.GetResult(option) is { Implicit: false } result)
            {
                words.Add(option.Name);
                words.AddRange(result.Tokens.Select(t => t.Value));
            }
        }

        return words;
    }

    /// <summary>What the daemon itself would refuse at start (values the parser accepts as text); null when none.</summary>
    private static string? Problem(ServiceRole role, ParseResult parse, List<Option> daemonOptions)
    {
        string? Text(string optionName) =>
            daemonOptions.FirstOrDefault(o => o.Name == optionName) is Option<string> o && parse.GetResult(o) is { Implicit: false } ? parse.GetValue(o) : null;

        if (Text("--log-level") is { } level && !LogLevelParser.TryParse(level, out _))
        {
            return $"--log-level '{level}' is not error|info|debug";
        }

        if (daemonOptions.FirstOrDefault(o => o.Name == "--seed") is Option<string[]> seeds && parse.GetValue(seeds) is { Length: > 0 } seedList
            && !SeedList.TryParse(seedList, out _, out var bad))
        {
            return $"--seed '{bad}' is not HOST:PORT";
        }

        if (role == ServiceRole.Node && Text("--listen") is { } listen)
        {
            try
            {
                NodeOptions.ParseEndPoint(listen);
            }
            catch (FormatException ex)
            {
                return ex.Message;
            }
        }

        if (role == ServiceRole.Seed && Text("--host") is { } host
            && !(IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetwork))
        {
            return $"--host '{host}' is not an IPv4 address";
        }

        return null;
    }
}
