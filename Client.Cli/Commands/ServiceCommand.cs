using System.CommandLine;
using Vtr.Cli.Service;

namespace Vtr.Cli.Commands;

/// <summary>
/// `vtr service install|uninstall|status`: a node or seed as a service of the machine's own service manager (a systemd
/// unit on Linux, a launchd agent on macOS) that starts at boot/login and comes back after a crash.
/// </summary>
public static class ServiceCommand
{
    /// <param name="locations">Where files go; null = this user's home (tests give a temp folder).</param>
    /// <param name="tools">Runs systemctl/launchctl/getent; null = the real ones.</param>
    /// <param name="invocation">How the service starts vtr; null = this very executable.</param>
    public static Command Create(ServiceLocations? locations = null, ToolRunner? tools = null, ServiceInvocation? invocation = null)
    {
        var context = new Context(
            () => locations ?? ServiceLocations.ForThisMachine(), tools ?? SystemTools.Run, () => invocation ?? ServiceInvocation.Current());
        var install = new Command("install", "Write a systemd unit (Linux) or launchd agent (macOS) that runs vtr node/seed with the given options")
        {
            ServiceInstallCommand.Create(ServiceRole.Node, NodeCommand.Create(), context),
            ServiceInstallCommand.Create(ServiceRole.Seed, SeedCommand.Create(), context),
        };
        return new Command("service", "Run vtr node or seed as a service that starts with the machine and restarts after a crash")
        {
            install, Uninstall(context), Status(context),
        };
    }

    internal static Option<bool> SystemOption() => new("--system")
    {
        Description = "Linux: a system unit in /etc/systemd/system, run by a dedicated account (needs root) [default: a user unit]",
    };

    private static Command Uninstall(Context context)
    {
        var role = new Argument<string>("role") { Description = "node or seed" };
        role.AcceptOnlyFromAmong(ServiceRoles.Names);
        var system = SystemOption();
        var command = new Command("uninstall", "Stop the node or seed service and remove its file") { role, system };
        command.SetAction(async (parse, _) =>
        {
            var definition = new ServiceDefinition(
                ServiceRoles.Parse(parse.GetValue(role)!), context.Invocation(), [], parse.GetValue(system) ? ServiceScope.System : ServiceScope.User);
            try
            {
                await WriteAsync(parse, new ServiceInstaller(context.Locations(), context.Tools).Uninstall(definition)).ConfigureAwait(false);
                return (int)ExitCode.Success;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"vtr service uninstall: {ex.Message} (for --system, run it as root)").ConfigureAwait(false);
                return (int)ExitCode.Failure;
            }
        });
        return command;
    }

    private static Command Status(Context context)
    {
        var system = SystemOption();
        var command = new Command("status", "Show whether the node and seed services are installed and running") { system };
        command.SetAction(async (parse, _) =>
        {
            var scope = parse.GetValue(system) ? ServiceScope.System : ServiceScope.User;
            await WriteAsync(parse, new ServiceInstaller(context.Locations(), context.Tools).Status(scope, context.Invocation())).ConfigureAwait(false);
            return (int)ExitCode.Success;
        });
        return command;
    }

    private static async Task WriteAsync(ParseResult parse, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            await parse.InvocationConfiguration.Output.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    /// <summary>What the subcommands share; resolved when a command runs, so --help never looks at the machine.</summary>
    public sealed record Context(Func<ServiceLocations> Locations, ToolRunner Tools, Func<ServiceInvocation> Invocation);
}
