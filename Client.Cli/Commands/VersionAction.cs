using System.CommandLine;
using System.CommandLine.Invocation;
using Vtr.Shared.Versioning;

namespace Vtr.Cli.Commands;

/// <summary>
/// `vtr --version`: <c>vtr NUMBER (commit COMMIT)</c>. System.CommandLine's own action prints the raw informational
/// version (<c>0.1.0+c925ba3</c>), which a user filing a bug report cannot be expected to decode.
/// </summary>
public sealed class VersionAction(VtrVersion version) : SynchronousCommandLineAction
{
    public static string Line(VtrVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return $"vtr {version.Number} (commit {version.Commit})";
    }

    /// <summary>Replaces the action of <paramref name="root"/>'s --version option.</summary>
    public static void Install(RootCommand root, VtrVersion version)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new VersionAction(version);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(Line(version));
        return (int)ExitCode.Success;
    }
}
