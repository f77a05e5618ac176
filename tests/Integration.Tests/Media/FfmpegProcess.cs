using System.Diagnostics;
using Vtr.Shared.Tests.Bitstream;

namespace Vtr.Integration.Tests.Media;

/// <summary>Runs the ffmpeg CLI with a time limit; the checker of what vtr produced.</summary>
public static class FfmpegProcess
{
    public static async Task<byte[]> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, byte[]? stdin = null)
    {
        var start = new ProcessStartInfo(FfmpegLocator.Path ?? "ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var cts = new CancellationTokenSource(timeout);
        var stdoutTask = ReadAllAsync(process.StandardOutput.BaseStream, cts.Token);
        var stderrTask = process.StandardError.ReadToEndAsync(cts.Token);
        if (stdin is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin, cts.Token);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync(cts.Token);
        var stdout = await stdoutTask;
        var stderr = await stderrTask;
        return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"ffmpeg exited {process.ExitCode}: {stderr}");
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
