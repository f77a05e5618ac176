using System.Diagnostics;
using System.Threading.Channels;
using Vtr.Shared.Versioning;

namespace Vtr.Integration.Tests.ChildProcess;

/// <summary>
/// The built `vtr` CLI as a real child process (<see cref="CliPath"/>; the repo root found by walking up to
/// vtr.slnx), its stdout lines readable as they come and signals sent with the system's `kill`. SIGINT
/// is reset to its default first (`env --default-signal`): a test host started in the background ignores it, and a
/// child would inherit that.
/// </summary>
internal sealed class VtrProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringWriter _error = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _seen = new();

    private VtrProcess(System.Diagnostics.Process process)
    {
        _process = process;
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>
    /// The `vtr` users run: `./vtr test` names the launcher's precompiled (ReadyToRun) build in VTR_TEST_CLI. A bare
    /// `dotnet test` has only its own build of the same sources (JIT-compiled), which it uses then.
    /// </summary>
    public static string CliPath { get; } =
        Environment.GetEnvironmentVariable("VTR_TEST_CLI") is { Length: > 0 } launcherBuild
            ? Path.GetFullPath(launcherBuild)
            : Path.Combine(RepoRoot, "Client.Cli", "bin", "Release", "net10.0", "vtr.dll");

    /// <summary>
    /// The version the started CLI reports (from its Vtr.Shared.dll). It can name an older commit than the tests' own
    /// build: the launcher rebuilds when a source changes, not on every commit.
    /// </summary>
    public static VtrVersion CliVersion { get; } = VtrVersion.Parse(
        FileVersionInfo.GetVersionInfo(Path.Combine(Path.GetDirectoryName(CliPath)!, "Vtr.Shared.dll")).ProductVersion);

    public int Id => _process.Id;

    /// <summary>stderr so far (complete once the process exited).</summary>
    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    /// <summary>Every stdout line printed so far, also those a <see cref="WaitForLineAsync"/> went past.</summary>
    public IReadOnlyList<string> Output => [.. _seen];

    /// <param name="environment">Extra variables (TMPDIR, XDG_CACHE_HOME) so a test sees only its own files.</param>
    /// <param name="workingDirectory">Where relative paths (the sample output) land; null = the test's.</param>
    public static VtrProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null) =>
        StartCommandLine(["dotnet", CliPath, .. args], environment, workingDirectory);

    /// <summary>Starts a whole command line (as a service file spells it) with the same output capture and signals.</summary>
    public static VtrProcess StartCommandLine(IEnumerable<string> commandLine, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var arg in (string[])["--default-signal=INT", .. commandLine])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("env did not start");
        var vtr = new VtrProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                vtr._lines.Writer.TryComplete();
            }
            else
            {
                vtr._seen.Enqueue(e.Data);
                vtr._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (vtr._error)
            {
                vtr._error.WriteLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return vtr;
    }

    /// <summary>Waits for a stdout line containing <paramref name="text"/>; fails when the process ends or time runs out first.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(cancel.Token))
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"vtr printed no '{text}' within {timeout}; stdout: {string.Join(" | ", Output)}; stderr: {Error}");
        }

        throw new InvalidOperationException($"vtr ended without printing '{text}'; stdout: {string.Join(" | ", Output)}; stderr: {Error}");
    }

    /// <summary>Every stdout line until the process closes its output; fails when time runs out first.</summary>
    public async Task<List<string>> ReadAllLinesAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var lines = new List<string>();
        await foreach (var line in _lines.Reader.ReadAllAsync(cancel.Token))
        {
            lines.Add(line);
        }

        return lines;
    }

    public async Task SignalAsync(string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>True when the process exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "vtr.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no vtr.slnx above {AppContext.BaseDirectory}");
    }
}
