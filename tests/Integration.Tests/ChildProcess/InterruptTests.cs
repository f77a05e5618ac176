using System.Diagnostics;
using Vtr.Cli.Commands;
using Vtr.Cli.Media;

namespace Vtr.Integration.Tests.ChildProcess;

/// <summary>
/// Ctrl-C on the real `vtr transcode` process while segments are being encoded: it stops, removes the temp output and
/// every spill folder, prints one line and exits with 130 within 2 s; a second Ctrl-C does not wait for the first.
/// </summary>
[Trait("Category", "Native")]
public sealed class InterruptTests : IDisposable
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(2);
    private readonly string _folder = Directory.CreateTempSubdirectory("vtr-interrupt-it-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [FfmpegFact]
    public async Task Ctrl_C_during_the_encode_exits_130_within_2_s_and_leaves_no_temp_files() =>
        await InterruptAsync(signals: 1);

    [FfmpegFact]
    public async Task A_second_Ctrl_C_exits_130_at_once() =>
        await InterruptAsync(signals: 2);

    private async Task InterruptAsync(int signals)
    {
        var (source, outputs, temp) = await PrepareAsync();
        using var vtr = VtrProcess.Start(
            ["transcode", source, "-o", Path.Combine(outputs, "out.mp4"), "--segment-seconds", "0.5", "--no-resume"],
            new Dictionary<string, string> { ["TMPDIR"] = temp, ["XDG_CACHE_HOME"] = Path.Combine(_folder, "cache") });
        await vtr.WaitForLineAsync(" done on ", TimeSpan.FromSeconds(60)); // a segment is done: spill files exist
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < signals; i++)
        {
            await vtr.SignalAsync("INT");
        }

        Assert.True(await vtr.WaitForExitAsync(StopBudget), $"still running {StopBudget} after Ctrl-C; stderr: {vtr.Error}");
        Assert.True(clock.Elapsed < StopBudget, $"took {clock.Elapsed}");
        Assert.Equal((int)ExitCode.Interrupted, vtr.ExitCode);
        Assert.Contains("interrupted", vtr.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(outputs));
        Assert.Empty(Directory.GetFileSystemEntries(temp, "vtr-*"));
    }

    /// <summary>A clip long enough to be interrupted mid-encode, an empty output folder and a private temp folder.</summary>
    private async Task<(string Source, string Outputs, string Temp)> PrepareAsync()
    {
        var source = Path.Combine(_folder, "source.mp4");
        var options = new SampleClipOptions { Width = 640, Height = 360, DurationSeconds = 30 };
        await SampleClipGenerator.CreateAsync(source, options, CancellationToken.None);
        var outputs = Directory.CreateDirectory(Path.Combine(_folder, "out")).FullName;
        var temp = Directory.CreateDirectory(Path.Combine(_folder, "tmp")).FullName;
        return (source, outputs, temp);
    }
}
