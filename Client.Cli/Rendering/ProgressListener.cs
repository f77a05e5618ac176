using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Vtr.Cli.Jobs;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Rendering;

/// <summary>
/// Receives a job's progress (segment events from the TranscodeJobActor, frame counts from the runners) and renders
/// it through an <see cref="IProgressOutput"/>. The state lives only in this actor's handlers.
/// </summary>
public sealed class ProgressListener : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(250);

    private readonly TranscodeProgress _progress;
    private readonly IProgressOutput _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ProgressListener(TranscodeProgress progress, IProgressOutput output)
    {
        _progress = progress;
        _output = output;
        Receive<SegmentStarted>(_progress.Started);
        Receive<FramesEncoded>(_progress.Encoded);
        Receive<SegmentFinished>(OnFinished);
        Receive<SegmentRunFailed>(OnFailed);
        Receive<SegmentRunCancelled>(_progress.Cancelled);
        Receive<RenderTick>(_ => _output.Show(Snapshot()));
    }

    public ITimerScheduler Timers { get; set; } = null!; // Set by Akka before PreStart.

    public static Props Props(int totalFrames, int totalSegments, IProgressOutput output) =>
        Akka.Actor.Props.Create(() => new ProgressListener(new TranscodeProgress(totalFrames, totalSegments), output));

    /// <summary>One listener for a batch: a row per file, and the totals over all of them.</summary>
    public static Props Props(ImmutableArray<FileProgressTarget> files, IProgressOutput output) =>
        Akka.Actor.Props.Create(() => new ProgressListener(new TranscodeProgress(files), output));

    protected override void PreStart() => Timers.StartPeriodicTimer(nameof(RenderTick), RenderTick.Instance, RenderInterval);

    protected override void PostStop() => _output.Show(Snapshot());

    private void OnFinished(SegmentFinished finished)
    {
        var node = _progress.Finished(finished);
        _output.Event($"{FilePrefix(finished.JobId)}segment {finished.SegmentIndex} done on {node} ({finished.Frames} frames, {finished.Elapsed.TotalSeconds:0.00} s)", Snapshot());
    }

    private void OnFailed(SegmentRunFailed failed)
    {
        _progress.Failed(failed);
        _output.Event($"{FilePrefix(failed.JobId)}segment {failed.SegmentIndex} failed, will be retried: {failed.Reason}", Snapshot());
    }

    /// <summary>"clip.mov: " in a batch, so each event line says which file it belongs to; nothing for a single file.</summary>
    private string FilePrefix(JobId jobId) => _progress.FileName(jobId) is { } name ? name + ": " : "";

    private ProgressSnapshot Snapshot() => _progress.Snapshot(_clock.Elapsed);
}
