namespace Vtr.Cli.Service;

/// <summary>Whose service: the installing user's (a user unit, a launch agent) or the machine's (a system unit).</summary>
public enum ServiceScope
{
    User,
    System,
}

/// <summary>
/// Everything a service file says, independent of the platform: which daemon, how to start this vtr, the options the
/// user gave (already checked by the daemon's own parser), and for a system service the dedicated account it runs as.
/// </summary>
public sealed record ServiceDefinition(
    ServiceRole Role,
    ServiceInvocation Invocation,
    IReadOnlyList<string> Options,
    ServiceScope Scope = ServiceScope.User,
    string? Account = null)
{
    /// <summary>The account a system service runs as unless --service-user says otherwise.</summary>
    public const string DefaultAccount = "vtr";

    /// <summary>vtr-node / vtr-seed: the systemd unit name, the log file names.</summary>
    public string Name => "vtr-" + Role.Command();

    /// <summary>The whole command line: program, prefix (vtr.dll), subcommand, options.</summary>
    public IReadOnlyList<string> CommandLine => [Invocation.Program, .. Invocation.Prefix, Role.Command(), .. Options];
}
