using System.Collections;
using CliWrap;
using CliWrap.Buffered;
using Vtr.Cli.Media;

namespace Vtr.Testing.Processes;

/// <summary>The outcome of one run of a short-lived tool.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>What a run needs besides its arguments; the defaults inherit the test's environment and folder.</summary>
public sealed record ToolOptions
{
    public static ToolOptions Default { get; } = new();

    /// <summary>Variables to set (null removes one).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>False starts the tool with only <see cref="Environment"/> (a machine without PATH, HOME...).</summary>
    public bool InheritEnvironment { get; init; } = true;

    public string? WorkingDirectory { get; init; }

    public string? StandardInput { get; init; }
}

/// <summary>
/// The one runner for the short-lived tools tests start (ffmpeg, ffprobe, systemd-analyze, python3, bash, ln, a
/// published vtr): CliWrap drains both pipes while the tool runs (no full-pipe deadlock), and a run that overstays is
/// killed with its process tree. The long-running daemons (`vtr seed`/`vtr node`) are Integration.Tests' VtrProcess.
/// </summary>
public static class ToolRun
{
    /// <summary>The ffmpeg the product runs (VTR_FFMPEG or PATH) as a full path, or null when there is none.</summary>
    public static string? FfmpegPath => FindExecutable(MediaToolRunner.Locate(MediaToolRunner.FFmpeg));

    /// <summary><paramref name="name"/> when it is a path to a file, else its first match on PATH, else null.</summary>
    public static string? FindExecutable(string name)
    {
        if (name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        return (System.Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs <paramref name="file"/> to its end; a non-zero exit is the caller's to judge.</summary>
    public static Task<ToolResult> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, ToolOptions? options = null) =>
        ExecuteAsync(Build(file, options ?? ToolOptions.Default).WithArguments(arguments), timeout);

    /// <summary>Runs <paramref name="file"/> with binary standard input and output (raw frames through ffmpeg pipes).</summary>
    public static async Task<(int ExitCode, byte[] StandardOutput, string StandardError)> RunBinaryAsync(
        string file, IEnumerable<string> arguments, TimeSpan timeout, byte[]? standardInput = null)
    {
        using var output = new MemoryStream();
        var error = new System.Text.StringBuilder();
        var command = Build(file, ToolOptions.Default)
            .WithArguments(arguments)
            .WithStandardOutputPipe(PipeTarget.ToStream(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(error));
        if (standardInput is not null)
        {
            command = command.WithStandardInputPipe(PipeSource.FromBytes(standardInput));
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var result = await command.ExecuteAsync(deadline.Token);
            return (result.ExitCode, output.ToArray(), error.ToString());
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{command} ran longer than {timeout}");
        }
    }

    /// <summary>
    /// ffmpeg (located as the product locates it: PATH or VTR_FFMPEG), quiet and non-interactive, overwriting its
    /// output, with <paramref name="arguments"/> as one command line (quoted as a shell would); throws with ffmpeg's own
    /// error text when it fails, else returns what it wrote to stdout (framemd5 lines, say).
    /// </summary>
    public static async Task<string> FfmpegAsync(string arguments, TimeSpan timeout)
    {
        var command = Build(MediaToolRunner.Locate(MediaToolRunner.FFmpeg), ToolOptions.Default)
            .WithArguments("-hide_banner -loglevel error -nostdin -y " + arguments);
        var result = await ExecuteAsync(command, timeout);
        return result.Succeeded
            ? result.StandardOutput
            : throw new InvalidOperationException($"ffmpeg {arguments} failed ({result.ExitCode}): {result.StandardError}");
    }

    /// <summary>
    /// ffmpeg with binary pipes (raw frames in, elementary streams or framemd5 out): what it wrote to stdout; throws
    /// with its error text when it fails.
    /// </summary>
    public static async Task<byte[]> FfmpegPipeAsync(IEnumerable<string> arguments, TimeSpan timeout, byte[]? standardInput = null)
    {
        var (exitCode, output, error) = await RunBinaryAsync(MediaToolRunner.Locate(MediaToolRunner.FFmpeg), arguments, timeout, standardInput);
        return exitCode == 0 ? output : throw new InvalidOperationException($"ffmpeg exited {exitCode}: {error}");
    }

    /// <summary>The blocking form of <see cref="FfmpegAsync"/> for synchronous sample builders.</summary>
    public static string Ffmpeg(string arguments, TimeSpan timeout) => FfmpegAsync(arguments, timeout).GetAwaiter().GetResult();

    private static async Task<ToolResult> ExecuteAsync(Command command, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var result = await command.ExecuteBufferedAsync(deadline.Token);
            return new ToolResult(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{command} ran longer than {timeout}");
        }
    }

    private static Command Build(string file, ToolOptions options)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!options.InheritEnvironment)
        {
            foreach (DictionaryEntry inherited in System.Environment.GetEnvironmentVariables())
            {
                environment[(string)inherited.Key] = null;
            }
        }

        foreach (var (name, value) in options.Environment)
        {
            environment[name] = value;
        }

        var command = CliWrap.Cli.Wrap(file)
            .WithEnvironmentVariables(environment)
            .WithValidation(CommandResultValidation.None);
        if (options.WorkingDirectory is not null)
        {
            command = command.WithWorkingDirectory(options.WorkingDirectory);
        }

        return options.StandardInput is null ? command : command.WithStandardInputPipe(PipeSource.FromString(options.StandardInput));
    }
}
