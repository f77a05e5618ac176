using System.Globalization;
using System.Text.RegularExpressions;
using Vtr.Cli.Media;

namespace Vtr.Integration.Tests.ChildProcess;

/// <summary>
/// Resume on the real `vtr transcode` process: the client is killed (SIGKILL, no cleanup at all) after some segments
/// were encoded; the same command then reuses those and encodes only the rest; --no-resume encodes everything.
/// </summary>
[Trait("Category", "Native")]
public sealed partial class ResumeTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);
    private readonly string _folder = Directory.CreateTempSubdirectory("vtr-resume-it-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [FfmpegFact]
    public async Task A_killed_client_resumes_with_the_segments_it_finished_and_encodes_only_the_rest()
    {
        var source = await SourceAsync();
        using (var killed = Start(source))
        {
            for (var i = 0; i < 3; i++)
            {
                await killed.WaitForLineAsync(" done on ", RunTimeout);
            }

            await killed.SignalAsync("KILL");
            Assert.True(await killed.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }

        var (code, lines) = await RunToEndAsync(Start(source));

        Assert.Equal(0, code);
        var resuming = Assert.Single(lines, l => l.StartsWith("resuming: ", StringComparison.Ordinal));
        var match = ResumingLine().Match(resuming);
        Assert.True(match.Success, resuming);
        var (done, total) = (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.InRange(done, 3, total - 1);
        Assert.Equal(total - done, lines.Count(l => l.Contains(" done on ", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(_folder, "out.mp4")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_folder, "cache", "vtr", "resume"))); // a finished job leaves no journal
    }

    [FfmpegFact]
    public async Task No_resume_encodes_every_segment_again()
    {
        var source = await SourceAsync();
        using (var killed = Start(source))
        {
            await killed.WaitForLineAsync(" done on ", RunTimeout);
            await killed.SignalAsync("KILL");
            Assert.True(await killed.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }

        var (code, lines) = await RunToEndAsync(Start(source, "--no-resume"));

        Assert.Equal(0, code);
        Assert.DoesNotContain(lines, l => l.StartsWith("resuming", StringComparison.Ordinal));
        var segments = lines.Single(l => l.StartsWith(source, StringComparison.Ordinal)); // "<input>: h264 WxH, F frames, N segments"
        var total = int.Parse(SegmentCount().Match(segments).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(total, lines.Count(l => l.Contains(" done on ", StringComparison.Ordinal)));
    }

    private VtrProcess Start(string source, params string[] extra) => VtrProcess.Start(
        ["transcode", source, "-o", Path.Combine(_folder, "out.mp4"), "--segment-seconds", "1", .. extra],
        new Dictionary<string, string> { ["XDG_CACHE_HOME"] = Path.Combine(_folder, "cache") });

    private static async Task<(int Code, List<string> Lines)> RunToEndAsync(VtrProcess vtr)
    {
        using (vtr)
        {
            var lines = await vtr.ReadAllLinesAsync(RunTimeout);
            Assert.True(await vtr.WaitForExitAsync(TimeSpan.FromSeconds(30)), "vtr did not exit after closing its output");
            return (vtr.ExitCode, lines);
        }
    }

    private async Task<string> SourceAsync()
    {
        var source = Path.Combine(_folder, "source.mp4");
        await SampleClipGenerator.CreateAsync(source, new SampleClipOptions { Width = 640, Height = 360, DurationSeconds = 16 }, CancellationToken.None);
        return source;
    }

    [GeneratedRegex(@"^resuming: (\d+) of (\d+) segments done$")]
    private static partial Regex ResumingLine();

    [GeneratedRegex(@", (\d+) segments$")]
    private static partial Regex SegmentCount();
}
