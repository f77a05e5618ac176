using Vtr.Cli.Processes;

namespace Vtr.Cli.Media;

/// <summary>The outcome of one ffmpeg/ffprobe run.</summary>
public sealed record MediaToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last non-empty stderr line: ffmpeg puts the reason there.</summary>
    public string LastErrorLine =>
        StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } lines
            ? lines[^1]
            : $"exit code {ExitCode}";
}

/// <summary>
/// Runs the ffmpeg/ffprobe command-line tools (from PATH, or the VTR_FFMPEG / VTR_FFPROBE variables) with an argument
/// list, a timeout and cancellation, through the product's one <see cref="ProcessRunner"/>.
/// </summary>
public static class MediaToolRunner
{
    /// <summary>`-version` answers at once; a tool that does not is as good as missing.</summary>
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(30);

    public const string FFmpeg = "ffmpeg";
    public const string FFprobe = "ffprobe";

    public static string Locate(string tool) =>
        Environment.GetEnvironmentVariable(tool == FFprobe ? "VTR_FFPROBE" : "VTR_FFMPEG") is { Length: > 0 } path ? path : tool;

    /// <summary>True when the tool starts and answers <c>-version</c>; used by tests to skip with a reason.</summary>
    public static bool IsAvailable(string tool) => ProcessRunner.Run(Locate(tool), ["-version"], VersionTimeout).Succeeded;

    /// <summary>Throws <see cref="MediaLibraryException"/> when the tool is missing, <see cref="TimeoutException"/> on timeout.</summary>
    public static async Task<MediaToolResult> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var path = Locate(tool);
        var argumentList = arguments.ToList();
        var run = await ProcessRunner.RunAsync(path, argumentList, timeout, ct).ConfigureAwait(false);
        return run.Status switch
        {
            ProcessRunStatus.NotInstalled => throw new MediaLibraryException(
                $"'{path}' was not found: install FFmpeg (the {tool} command) or set VTR_{tool.ToUpperInvariant()}."),
            ProcessRunStatus.TimedOut => throw new TimeoutException(
                $"{tool} did not finish within {timeout.TotalSeconds:0} s: {string.Join(' ', argumentList)}"),
            _ => new MediaToolResult(run.ExitCode, run.StandardOutput, run.StandardError),
        };
    }
}
