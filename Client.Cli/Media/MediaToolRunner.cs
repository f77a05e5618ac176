using System.ComponentModel;
using System.Diagnostics;

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
/// list, a timeout and cancellation; a run that overstays is killed with its process tree.
/// </summary>
public static class MediaToolRunner
{
    public const string FFmpeg = "ffmpeg";
    public const string FFprobe = "ffprobe";

    public static string Locate(string tool) =>
        Environment.GetEnvironmentVariable(tool == FFprobe ? "VTR_FFPROBE" : "VTR_FFMPEG") is { Length: > 0 } path ? path : tool;

    /// <summary>True when the tool starts (<c>-version</c>); used by tests to skip with a reason.</summary>
    public static bool IsAvailable(string tool)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Locate(tool), "-version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }

            // Both pipes drained: an unread one that fills blocks the tool forever.
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            errors.GetAwaiter().GetResult();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Throws <see cref="MediaLibraryException"/> when the tool is missing, <see cref="TimeoutException"/> on timeout.</summary>
    public static async Task<MediaToolResult> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Locate(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new MediaLibraryException($"'{start.FileName}' was not found: install FFmpeg (the {tool} command) or set VTR_{tool.ToUpperInvariant()}.", e);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException($"{tool} did not finish within {timeout.TotalSeconds:0} s: {string.Join(' ', start.ArgumentList)}");
        }

        return new MediaToolResult(process.ExitCode, await stdout, await stderr);
    }
}
