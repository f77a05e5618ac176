namespace Vtr.Cli.Service;

/// <summary>The daemons vtr installs as services: the `vtr` subcommand each one runs.</summary>
public enum ServiceRole
{
    Node,
    Seed,
}

public static class ServiceRoles
{
    public static readonly string[] Names = ["node", "seed"];

    /// <summary>"node" / "seed": the vtr subcommand, and the suffix of every name the service gets.</summary>
    public static string Command(this ServiceRole role) => role == ServiceRole.Node ? "node" : "seed";

    public static ServiceRole Parse(string name) => name switch
    {
        "node" => ServiceRole.Node,
        "seed" => ServiceRole.Seed,
        _ => throw new ArgumentException($"'{name}' is not node or seed", nameof(name)),
    };

    /// <summary>What the service manager shows as the description.</summary>
    public static string Description(this ServiceRole role) => role == ServiceRole.Node
        ? "vtr encoder node (VTR1 server, cluster member)"
        : "vtr cluster seed (contact point and job coordinator)";
}
