using System.CommandLine;
using Vtr.Cli.Segmenting;

namespace Vtr.Cli.Commands;

/// <summary>`vtr transcode`'s options about the user's files: -y/--overwrite, -n/--no-overwrite and --no-resume, kept
/// apart from the encode options so each set changes on its own.</summary>
public sealed class OutputFileOptions
{
    private readonly Option<bool> _overwrite = new("--overwrite", "-y") { Description = "replace an existing output (after the new one is complete and verified)" };
    private readonly Option<bool> _noOverwrite = new("--no-overwrite", "-n") { Description = "never replace an existing output: refuse before any work, as without -y" };
    private readonly Option<bool> _noResume = new("--no-resume") { Description = "encode every segment again instead of reusing those a stopped run finished" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_overwrite);
        command.Options.Add(_noOverwrite);
        command.Options.Add(_noResume);
    }

    /// <summary>Copies the flags into <paramref name="request"/>; false with a problem when they contradict each other.</summary>
    public bool TryApply(ParseResult parse, ref TranscodeRequest? request, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(parse);
        problem = null;
        var overwrite = parse.GetValue(_overwrite);
        if (overwrite && parse.GetValue(_noOverwrite))
        {
            problem = "give either -y or -n, not both";
            return false;
        }

        request = request! with { Overwrite = overwrite, Resume = !parse.GetValue(_noResume) };
        return true;
    }
}
