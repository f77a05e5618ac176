using System.Diagnostics;
using Akka.Actor;
using Vtr.Cli.Jobs;

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

    public ProgressListener(int totalFrames, int totalSegments, IProgressOutput output)
    {
        _progress = new TranscodeProgress(totalFrames, totalSegments);
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
        Akka.Actor.Props.Create(() => new ProgressListener(totalFrames, totalSegments, output));

    protected override void PreStart() => Timers.StartPeriodicTimer(nameof(RenderTick), RenderTick.Instance, RenderInterval);

    protected override void PostStop() => _output.Show(Snapshot());

    private void OnFinished(SegmentFinished finished)
    {
        var node = _progress.Finished(finished);
        _output.Event($"segment {finished.SegmentIndex} done on {node} ({finished.Frames} frames, {finished.Elapsed.TotalSeconds:0.00} s)", Snapshot());
    }

    private void OnFailed(SegmentRunFailed failed)
    {
        _progress.Failed(failed);
        _output.Event($"segment {failed.SegmentIndex} failed, will be retried: {failed.Reason}", Snapshot());
    }

    private ProgressSnapshot Snapshot() => _progress.Snapshot(_clock.Elapsed);
}
