using System.Collections.Immutable;
using System.Text;

namespace Vtr.Cli.Media;

/// <summary>One check of <see cref="OutputVerifier"/>: its name, outcome and a one-line detail.</summary>
public sealed record VerificationCheck(string Name, bool Passed, string Detail);

/// <summary>Every check <see cref="OutputVerifier"/> ran; the output is good when all passed.</summary>
public sealed record VerificationReport(string SourcePath, string OutputPath, ImmutableArray<VerificationCheck> Checks)
{
    public bool Passed => !Checks.IsEmpty && Checks.All(c => c.Passed);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Passed ? "PASS" : "FAIL").Append(' ').Append(OutputPath).Append(" vs ").AppendLine(SourcePath);
        foreach (var check in Checks)
        {
            text.Append(check.Passed ? "  [pass] " : "  [FAIL] ").Append(check.Name).Append(": ").AppendLine(check.Detail);
        }

        return text.ToString();
    }
}
