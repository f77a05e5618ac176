using System.Diagnostics;
using Vtr.Cli.Service;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>
/// One `vtr seed` or `vtr node` daemon the cluster benchmark started (this very vtr, optionally under taskset), whose
/// console lines it watches for the "joined the cluster" line. Disposing kills it: the benchmark owns it.
/// </summary>
internal sealed class BenchProcess : IDisposable
{
    private const string JoinedLine = "joined the cluster as";
    private readonly Process _process;
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _lines = [];

    private BenchProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Starts `vtr ARGS` with <paramref name="environment"/>; on <paramref name="core"/> only when given.</summary>
    public static BenchProcess Start(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, int? core)
    {
        var vtr = ServiceInvocation.Current();
        var start = new ProcessStartInfo(core is null ? vtr.Program : "taskset")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (core is { } c)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(c.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add(vtr.Program);
        }

        foreach (var argument in vtr.Prefix.Concat(args))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var started = new BenchProcess(process);
        process.OutputDataReceived += (_, e) => started.Seen(e.Data);
        process.ErrorDataReceived += (_, e) => started.Seen(e.Data);
        process.Exited += (_, _) => started._joined.TrySetException(new InvalidOperationException($"vtr {string.Join(' ', args)} exited: {started.LastLines()}"));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>True when taskset runs here (Linux with util-linux); pinning needs it.</summary>
    public static bool CanPin() => OperatingSystem.IsLinux()
        && (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, "taskset")));

    /// <summary>Completes when the daemon printed that it joined; throws when it exits first or <paramref name="timeout"/> passes.</summary>
    public Task WaitJoinedAsync(TimeSpan timeout, CancellationToken ct) => _joined.Task.WaitAsync(timeout, ct);

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already exited: nothing to stop.
        }

        _process.Dispose();
    }

    private void Seen(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
            if (_lines.Count > 20)
            {
                _lines.RemoveAt(0);
            }
        }

        if (line.Contains(JoinedLine, StringComparison.Ordinal))
        {
            _joined.TrySetResult();
        }
    }

    private string LastLines()
    {
        lock (_lines)
        {
            return string.Join(" | ", _lines.TakeLast(3));
        }
    }
}
