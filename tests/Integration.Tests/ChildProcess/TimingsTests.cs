using System.Globalization;
using System.Text.RegularExpressions;
using Vtr.Cli.Media;
using Vtr.Cli.Timing;

namespace Vtr.Integration.Tests.ChildProcess;

/// <summary>`vtr transcode --timings` on the real process (embedded cluster, generated clip): one line per stage.</summary>
[Trait("Category", "Native")]
public sealed partial class TimingsTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);
    private readonly string _folder = Directory.CreateTempSubdirectory("vtr-timings-it-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [FfmpegFact]
    public async Task Timings_prints_every_stage_with_its_wall_time_and_a_total()
    {
        var source = Path.Combine(_folder, "source.mp4");
        await SampleClipGenerator.CreateAsync(source, new SampleClipOptions { Width = 320, Height = 240, DurationSeconds = 4 }, CancellationToken.None);

        using var vtr = VtrProcess.Start(
            ["transcode", source, "-o", Path.Combine(_folder, "out.mp4"), "--timings"],
            new Dictionary<string, string> { ["XDG_CACHE_HOME"] = Path.Combine(_folder, "cache") });
        var lines = await vtr.ReadAllLinesAsync(RunTimeout);
        Assert.True(await vtr.WaitForExitAsync(TimeSpan.FromSeconds(30)), "vtr did not exit after closing its output");

        Assert.True(vtr.ExitCode == 0, vtr.Error);
        var measured = new Dictionary<string, double>();
        foreach (var line in lines)
        {
            if (StageLine().Match(line) is { Success: true } match)
            {
                measured[match.Groups[1].Value.Trim()] = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            }
        }

        // Every stage runs in a plain transcode (the per-segment check included); each is printed once with a time.
        foreach (var stage in Enum.GetValues<JobStage>())
        {
            Assert.True(measured.ContainsKey(StageTimer.Name(stage)), $"no line for '{StageTimer.Name(stage)}' in:\n{string.Join('\n', lines)}");
        }

        var total = Assert.Single(lines, l => l.TrimStart().StartsWith("total ", StringComparison.Ordinal));
        var totalSeconds = double.Parse(StageLine().Match(total).Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(measured[StageTimer.Name(JobStage.Encode)] > 0);
        // The embedded cluster starts while the input is probed and each segment is checked while the others encode;
        // every other stage runs one after the other.
        var overlapping = new[] { "total", StageTimer.Name(JobStage.ClusterStartUp), StageTimer.Name(JobStage.SegmentCheck) };
        var sequential = measured.Where(m => !overlapping.Contains(m.Key)).Sum(m => m.Value);
        Assert.True(sequential <= totalSeconds + 0.01, $"stages add up to more than the total {totalSeconds} s");
    }

    /// <summary>"  probe               0.268 s     0%": the name, then the seconds.</summary>
    [GeneratedRegex(@"^\s+([A-Za-z()\- ]+?)\s+(\d+\.\d+) s")]
    private static partial Regex StageLine();
}
