using Vtr.Cli.Embedded;
using Vtr.Cli.FileSafety;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Node.Codecs;
using Vtr.Seed.Contact;
using Vtr.Shared.Security;

namespace Vtr.Cli.Commands;

/// <summary>What `vtr transcode` tells the user about an error, and the exit code it ends with (pure).</summary>
public static class TranscodeFailures
{
    /// <summary>The exit code and the text after "vtr transcode: "; null for an error that is not ours to explain.</summary>
    public static (ExitCode Code, string Message)? Describe(Exception error) => error switch
    {
        MediaOpenException or UnsupportedMediaException => (ExitCode.InputUnusable, error.Message),
        ClusterUnreachableException => (ExitCode.ClusterUnreachable, error.Message),
        FarmAccessDeniedException or FarmCredentialsException => (ExitCode.NotInFarm, error.Message),
        OutputRefusedException => (ExitCode.OutputRefused, error.Message),
        TranscodeFailedException or MediaException or CodecException => (ExitCode.Failure, error.Message),
        IOException or UnauthorizedAccessException => (ExitCode.Failure, $"{error.Message} (check free space and permissions)"),
        _ => null,
    };

    /// <summary>A batch's exit code: success when every file was written, the failures' code when they agree, else
    /// <see cref="ExitCode.Failure"/>.</summary>
    public static ExitCode Combine(IReadOnlyCollection<ExitCode> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var failures = codes.Where(c => c != ExitCode.Success).Distinct().ToList();
        return failures.Count switch
        {
            0 => ExitCode.Success,
            1 => failures[0],
            _ => ExitCode.Failure,
        };
    }
}
