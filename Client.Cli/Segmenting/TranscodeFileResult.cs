namespace Vtr.Cli.Segmenting;

/// <summary>One input of a `vtr transcode` and where its output goes (input null = the generated sample).</summary>
public sealed record TranscodeFile(string? InputPath, string OutputPath);

/// <summary>How one file of a batch ended: an outcome (verification passed or not), or the error that stopped it alone.</summary>
public sealed record TranscodeFileResult(TranscodeFile File, TranscodeOutcome? Outcome, Exception? Error)
{
    public bool Written => Outcome is { Report.Passed: true };

    /// <summary>The file's own failures: what stops one file of a batch and leaves the others running. Everything
    /// else (cluster unreachable, Ctrl-C, a bug) ends the whole run.</summary>
    public static bool IsFileFailure(Exception error) => error is Media.MediaException or FileSafety.OutputRefusedException
        or TranscodeFailedException or Node.Codecs.CodecException or IOException or UnauthorizedAccessException;
}
