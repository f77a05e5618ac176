using System.Reflection;

namespace Vtr.Shared.Versioning;

/// <summary>
/// The release number and git commit this build came from. Directory.Build.props stamps both into every assembly's
/// informational version as <c>NUMBER+COMMIT</c> (COMMIT is <c>unknown</c> when the build had no git), so the CLI,
/// a node's announcement and a seed's status answer all report the same thing.
/// </summary>
public sealed record VtrVersion(string Number, string Commit)
{
    private const string UnknownCommit = "unknown";

    /// <summary>The version of the running build (read from this assembly, which every vtr executable contains).</summary>
    public static VtrVersion Current { get; } = Parse(
        typeof(VtrVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>What nodes announce and <c>vtr status</c> compares: <c>NUMBER+COMMIT</c>.</summary>
    public string Announced => $"{Number}+{Commit}";

    /// <summary>Splits an informational version <c>NUMBER[+COMMIT]</c>; anything missing becomes <c>unknown</c>.</summary>
    public static VtrVersion Parse(string? informational)
    {
        if (string.IsNullOrWhiteSpace(informational))
        {
            return new VtrVersion(UnknownCommit, UnknownCommit);
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? new VtrVersion(informational.Trim(), UnknownCommit)
            : new VtrVersion(informational[..plus].Trim(), NonEmpty(informational[(plus + 1)..]));
    }

    public override string ToString() => $"{Number} (commit {Commit})";

    private static string NonEmpty(string text) => string.IsNullOrWhiteSpace(text) ? UnknownCommit : text.Trim();
}
