namespace Vtr.Cli.Service;

/// <summary>
/// How a service manager starts this very vtr: the program and the arguments before the subcommand. A release is one
/// executable (<c>/usr/local/bin/vtr</c>); a development build runs as <c>dotnet /path/vtr.dll</c>, and a unit that said
/// only <c>vtr.dll</c> would not start.
/// </summary>
public sealed record ServiceInvocation(string Program, IReadOnlyList<string> Prefix)
{
    /// <summary>This process: <see cref="Environment.ProcessPath"/>, and the entry assembly when that is the dotnet host.</summary>
    public static ServiceInvocation Current() =>
        From(Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown"),
            Environment.GetCommandLineArgs()[0]);

    /// <param name="processPath">The running executable (<see cref="Environment.ProcessPath"/>).</param>
    /// <param name="entryPoint">The first command-line argument: the executable itself, or vtr.dll under the dotnet host.</param>
    public static ServiceInvocation From(string processPath, string entryPoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(processPath);
        ArgumentException.ThrowIfNullOrEmpty(entryPoint);
        var hostedByDotnet = Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            && entryPoint.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        return hostedByDotnet
            ? new ServiceInvocation(Path.GetFullPath(processPath), [Path.GetFullPath(entryPoint)])
            : new ServiceInvocation(Path.GetFullPath(processPath), []);
    }
}
