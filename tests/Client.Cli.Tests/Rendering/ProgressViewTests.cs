using Spectre.Console.Testing;
using Vtr.Cli.Jobs;
using Vtr.Cli.Rendering;
using Vtr.Shared.Cluster;

namespace Vtr.Client.Cli.Tests.Rendering;

public sealed class ProgressViewTests
{
    private static readonly JobId Job = new("job-1");

    [Fact]
    public void Live_view_shows_each_nodes_share_of_the_frames()
    {
        var progress = new TranscodeProgress(totalFrames: 100, totalSegments: 4);
        Finish(progress, "10.0.0.1", 0, 25);
        Finish(progress, "10.0.0.1", 1, 25);
        Finish(progress, "10.0.0.2", 2, 25);
        var console = new TestConsole().Width(120);

        console.Write(ProgressView.Build(progress.Snapshot(TimeSpan.FromSeconds(3))));

        var text = console.Output;
        Assert.Contains("75/100 frames, segments 3/4, 25.0 fps, ETA 1 s", text, StringComparison.Ordinal);
        Assert.Contains("10.0.0.1:5555", text, StringComparison.Ordinal);
        Assert.Contains("67%", text, StringComparison.Ordinal);
        Assert.Contains("33%", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_leases_count_their_streamed_frames_until_they_fail()
    {
        var progress = new TranscodeProgress(totalFrames: 50, totalSegments: 2);
        var lease = LeaseId.New();
        progress.Started(new SegmentStarted(Job, 0, lease, new NodeId("n1"), "n1", 5555, SegmentTransport.Packets));
        progress.Encoded(new FramesEncoded(lease, new NodeId("n1"), 8));
        Assert.Equal(8, progress.Snapshot(TimeSpan.FromSeconds(1)).FramesDone);

        progress.Failed(new SegmentRunFailed(Job, 0, lease, "node error"));

        var snapshot = progress.Snapshot(TimeSpan.FromSeconds(1));
        Assert.Equal(0, snapshot.FramesDone);
        Assert.Equal(1, snapshot.Failures);
    }

    [Fact]
    public void Plain_output_writes_one_line_per_event_with_the_summary()
    {
        var console = new TestConsole();
        var output = new PlainProgressOutput(new ProgressView(console));
        var snapshot = new TranscodeProgress(10, 1).Snapshot(TimeSpan.Zero);

        output.Show(snapshot);
        output.Event("segment 0 done on n1:5555 (10 frames, 0.50 s)", snapshot);

        Assert.Equal("segment 0 done on n1:5555 (10 frames, 0.50 s) | 0/10 frames, segments 0/1, 0.0 fps, ETA ?", console.Output.TrimEnd());
    }

    [Fact]
    public void Batch_view_shows_each_files_progress_and_the_total()
    {
        var second = new JobId("job-2");
        var progress = new TranscodeProgress([new FileProgressTarget(Job, "a.mov", 50, 2), new FileProgressTarget(second, "c.mov", 30, 1)]);
        Finish(progress, "10.0.0.1", 0, 25);
        var lease = LeaseId.New();
        progress.Started(new SegmentStarted(second, 0, lease, new NodeId("n2"), "10.0.0.2", 5555, SegmentTransport.Packets));
        progress.Encoded(new FramesEncoded(lease, new NodeId("n2"), 15));
        var console = new TestConsole().Width(120);

        console.Write(ProgressView.Build(progress.Snapshot(TimeSpan.FromSeconds(4))));

        var text = console.Output;
        Assert.Contains("2 files, 40/80 frames, segments 1/3", text, StringComparison.Ordinal);
        Assert.Contains("a.mov", text, StringComparison.Ordinal);
        Assert.Contains("25/50", text, StringComparison.Ordinal);
        Assert.Contains("c.mov", text, StringComparison.Ordinal);
        Assert.Contains("15/30", text, StringComparison.Ordinal);
        Assert.Equal("c.mov", progress.FileName(second));
    }

    private static void Finish(TranscodeProgress progress, string host, int segment, int frames)
    {
        var lease = LeaseId.New();
        progress.Started(new SegmentStarted(Job, segment, lease, new NodeId(host), host, 5555, SegmentTransport.Raw));
        progress.Finished(new SegmentFinished(Job, segment, lease, frames, TimeSpan.FromSeconds(1)));
    }
}
