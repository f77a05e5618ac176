namespace Vtr.Cli.Commands;

/// <summary>
/// The VTR1 HELLO token without putting it on the command line, which `ps` shows to every user of the machine:
/// <c>--token</c> still works (the original server's flag), and when it is absent the token comes from the environment
/// variable <c>VTR_TOKEN</c>. A service or script keeps it in its environment file, readable only by its owner.
/// </summary>
public static class TokenSource
{
    public const string EnvironmentVariable = "VTR_TOKEN";

    /// <summary><paramref name="fromOption"/> when given, else $VTR_TOKEN, else empty (auth off).</summary>
    public static string Resolve(string? fromOption) =>
        !string.IsNullOrEmpty(fromOption) ? fromOption : Environment.GetEnvironmentVariable(EnvironmentVariable) ?? "";
}
