using System.Collections.Immutable;
using Spectre.Console;
using Vtr.Cli.Commands;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Media;

namespace Vtr.Integration.Tests.Transcode;

/// <summary>
/// `vtr transcode a.mp4 b.mp4 c.mp4 -o OUTDIR/` for real: one embedded cluster (seed + 2 libx264 nodes, one session
/// each) runs every file's job at once; the middle file is corrupt and must fail alone.
/// </summary>
[Trait("Category", "Native")]
public sealed class BatchTranscodeTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vtr-batch-it-").FullName;

    private string InputFolder => Path.Combine(_directory, "in");

    private string OutputFolder => Path.Combine(_directory, "out");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(InputFolder);
        Directory.CreateDirectory(OutputFolder);
        if (FfmpegFactAttribute.IsAvailable)
        {
            // Keyframes every 10 frames and 0.4 s segments: 8 segments per file, enough for the jobs to take turns.
            var options = new SampleClipOptions { Width = 320, Height = 180, DurationSeconds = 3, KeyframeInterval = 10, IncludeAudio = false };
            await SampleClipGenerator.CreateAsync(Path.Combine(InputFolder, "a.mp4"), options, CancellationToken.None);
            await SampleClipGenerator.CreateAsync(Path.Combine(InputFolder, "c.mp4"), options with { DurationSeconds = 2.4 }, CancellationToken.None);
            await File.WriteAllBytesAsync(Path.Combine(InputFolder, "b.mp4"), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [FfmpegFact]
    public async Task Batch_of_three_with_a_corrupt_middle_file_writes_the_other_two_and_names_the_bad_one()
    {
        var inputs = ((string[])["a.mp4", "b.mp4", "c.mp4"]).Select(n => Path.Combine(InputFolder, n)).ToList();
        Assert.True(BatchInputs.TryExpand(inputs, OutputFolder + Path.DirectorySeparatorChar, out var files, out var problem), problem);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var console = PlainConsole(stdout);
        var code = await TranscodeCommand.RunAsync(new TranscodeService(console, liveProgress: false), Request(), files, batch: true, console, stderr, timeout.Token);

        Assert.Equal(ExitCode.InputUnusable, code);
        var errorLine = Assert.Single(stderr.ToString().Trim().Split('\n'));
        Assert.Contains("b.mp4", errorLine, StringComparison.Ordinal);
        Assert.Equal(["a.mp4", "c.mp4"], Directory.GetFiles(OutputFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var name in (string[])["a", "c"])
        {
            var report = await OutputVerifier.VerifyAsync(Path.Combine(InputFolder, name + ".mp4"), Path.Combine(OutputFolder, name + ".mp4"), timeout.Token);
            Assert.True(report.Passed, report.ToString());
        }

        var text = stdout.ToString();
        Assert.Contains("batch: 2 of 3 files written, 1 failed", text, StringComparison.Ordinal);
        Assert.Contains($"wrote {Path.Combine(OutputFolder, "a.mp4")}", text, StringComparison.Ordinal);
        Assert.Contains($"wrote {Path.Combine(OutputFolder, "c.mp4")}", text, StringComparison.Ordinal);
        AssertJobsTookTurns(text);
    }

    /// <summary>
    /// Both jobs were on the cluster at once: a segment of c finished before the last segment of a did. Run one after
    /// the other, every a line would come first. a's last segments are leased only after c's first (round-robin), on
    /// nodes that run one session each.
    /// </summary>
    private static void AssertJobsTookTurns(string text)
    {
        var lines = text.Split('\n');
        var firstOfC = Array.FindIndex(lines, l => l.StartsWith("c.mp4: segment ", StringComparison.Ordinal));
        var lastOfA = Array.FindLastIndex(lines, l => l.StartsWith("a.mp4: segment ", StringComparison.Ordinal));
        Assert.True(firstOfC >= 0 && lastOfA >= 0, text);
        Assert.True(firstOfC < lastOfA, text);
    }

    private static IAnsiConsole PlainConsole(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });

    private TranscodeRequest Request() =>
        new(null, OutputFolder, ImmutableArray<string>.Empty, new SegmentEncodeSettings(VideoCodec.H264, 300_000, null, "", WireCompression.Lz4, TransportChoice.Auto), 0.4, 2)
        {
            EmbeddedSessionsPerNode = 1,
            Resume = false,
        };
}
