using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Jobs;

/// <summary>
/// The client side of one job: submits it, runs every leased segment through an <see cref="ISegmentRunner"/>,
/// reports the outcome, cancels leases the coordinator withdraws, re-submits unfinished segments when a new
/// coordinator starts, and completes <c>completion</c> when the coordinator ends the job.
/// </summary>
/// <remarks>
/// A hand-over is noticed two ways: the new coordinator's <see cref="CoordinatorStarted"/> announcement, and the
/// death of the coordinator that accepted the job (watched). The announcement alone is not enough: a client that
/// joined moments before the hand-over may not be in the other seeds' pub-sub registry yet, and would then wait
/// for leases forever.
/// </remarks>
public sealed class TranscodeJobActor : ReceiveActor, IWithTimers
{
    /// <summary>Default wait for <see cref="JobAccepted"/> before submitting again.</summary>
    public static readonly TimeSpan DefaultSubmitRetry = TimeSpan.FromSeconds(10);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SubmitJob _job;
    private readonly IActorRef _coordinator;
    private readonly IActorRef _mediator;
    private readonly ISegmentRunner _runner;
    private readonly IActorRef _progress;
    private readonly TaskCompletionSource<JobResult> _completion;
    private readonly TimeSpan _submitRetry;
    private readonly Dictionary<int, SegmentSpec> _segments;
    private readonly Dictionary<int, SegmentOutcome> _results = [];
    private readonly Dictionary<LeaseId, RunningLease> _running = [];
    private readonly CoordinatorWatch _coordinatorWatch = new();

    public TranscodeJobActor(
        SubmitJob job, IActorRef coordinator, IActorRef mediator, ISegmentRunner runner,
        IActorRef progressListener, TaskCompletionSource<JobResult> completion, TimeSpan submitRetry)
    {
        _job = job;
        _coordinator = coordinator;
        _mediator = mediator;
        _runner = runner;
        _progress = progressListener;
        _completion = completion;
        _submitRetry = submitRetry;
        _segments = job.Segments.ToDictionary(s => s.Index);
        Receive<JobAccepted>(_ => OnJobAccepted());
        Receive<Terminated>(OnTerminated);
        Receive<SegmentLeased>(OnSegmentLeased);
        Receive<LeaseRunFinished>(OnLeaseRunFinished);
        Receive<LeaseCancelled>(OnLeaseCancelled);
        Receive<CoordinatorStarted>(_ => OnCoordinatorStarted());
        Receive<SubmitRetryTick>(_ => SubmitUnfinished());
        Receive<JobCompleted>(_ => OnJobCompleted());
        Receive<JobFailed>(OnJobFailed);
        Receive<SubscribeAck>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!; // Set by Akka before PreStart.

    /// <summary>
    /// Props for the job actor. <paramref name="coordinator"/> is normally the singleton proxy and
    /// <paramref name="mediator"/> the DistributedPubSub mediator; <paramref name="completion"/> receives the result.
    /// </summary>
    public static Props Props(
        SubmitJob job, IActorRef coordinator, IActorRef mediator, ISegmentRunner runner,
        IActorRef progressListener, TaskCompletionSource<JobResult> completion, TimeSpan? submitRetry = null) =>
        Akka.Actor.Props.Create(() => new TranscodeJobActor(
            job, coordinator, mediator, runner, progressListener, completion, submitRetry ?? DefaultSubmitRetry));

    protected override void PreStart()
    {
        _mediator.Tell(new Subscribe(ClusterNames.CoordinatorTopic, Self));
        SubmitUnfinished();
    }

    protected override void PostStop()
    {
        foreach (var running in _running.Values)
        {
            running.Cancel();
        }

        _completion.TrySetCanceled();
    }

    private void OnJobAccepted()
    {
        Timers.Cancel(nameof(SubmitRetryTick));
        _coordinatorWatch.Acknowledged(Context, Sender);
    }

    private void OnTerminated(Terminated terminated)
    {
        if (_coordinatorWatch.Stopped(terminated))
        {
            _log.Info("The coordinator of job {JobId} stopped; re-submitting through the singleton proxy", _job.JobId);
            OnCoordinatorStarted();
        }
    }

    private void OnSegmentLeased(SegmentLeased leased)
    {
        if (_results.TryGetValue(leased.SegmentIndex, out var done))
        {
            // Already encoded under an earlier lease (e.g. before a hand-over): hand that result in.
            _coordinator.Tell(new SegmentCompleted(_job.JobId, leased.SegmentIndex, leased.LeaseId, done.Frames, done.Elapsed.TotalSeconds));
            return;
        }

        if (_running.ContainsKey(leased.LeaseId) || !_segments.TryGetValue(leased.SegmentIndex, out var segment))
        {
            return;
        }

        var lease = new SegmentLease(
            _job.JobId, segment, leased.LeaseId, leased.NodeId, leased.Host, leased.Port, leased.Transport,
            _job.Codec, _job.SourceCodec);
        var running = new RunningLease(leased);
        _running.Add(leased.LeaseId, running);
        _progress.Tell(new SegmentStarted(
            _job.JobId, leased.SegmentIndex, leased.LeaseId, leased.NodeId, leased.Host, leased.Port, leased.Transport));
        var leaseId = leased.LeaseId;
        RunGuarded(_runner, lease, running.Token).PipeTo(
            Self,
            success: result => new LeaseRunFinished(leaseId, result),
            failure: error => new LeaseRunFinished(leaseId, SegmentRunResult.Failure(error.Message)));
    }

    private void OnLeaseRunFinished(LeaseRunFinished finished)
    {
        if (!_running.Remove(finished.LeaseId, out var running))
        {
            return;
        }

        running.Dispose();
        if (running.Cancelled)
        {
            return;
        }

        var leased = running.Leased;
        var result = finished.Result;
        if (result.Succeeded)
        {
            _coordinator.Tell(new SegmentCompleted(_job.JobId, leased.SegmentIndex, leased.LeaseId, result.Frames, result.Elapsed.TotalSeconds));
            if (_results.TryAdd(leased.SegmentIndex, new SegmentOutcome(leased.LeaseId, leased.NodeId, result.Frames, result.Elapsed)))
            {
                // Only the first finished copy of a segment counts: a duplicate (or a re-run after a hand-over)
                // that also finishes must not push the display past the segment count.
                _progress.Tell(new SegmentFinished(_job.JobId, leased.SegmentIndex, leased.LeaseId, result.Frames, result.Elapsed));
            }

            return;
        }

        var reason = result.FailureReason ?? "unknown failure";
        _log.Warning("Job {JobId} segment {SegmentIndex} failed on {NodeId}: {Reason}", _job.JobId, leased.SegmentIndex, leased.NodeId, reason);
        _coordinator.Tell(new SegmentFailed(_job.JobId, leased.SegmentIndex, leased.LeaseId, reason));
        _progress.Tell(new SegmentRunFailed(_job.JobId, leased.SegmentIndex, leased.LeaseId, reason));
    }

    private void OnLeaseCancelled(LeaseCancelled cancelled)
    {
        if (_running.TryGetValue(cancelled.LeaseId, out var running) && !running.Cancelled)
        {
            // The entry stays until the run's Task reports back, which also disposes the token source.
            running.Cancel();
            _progress.Tell(new SegmentRunCancelled(_job.JobId, cancelled.SegmentIndex, cancelled.LeaseId));
        }
    }

    private void OnCoordinatorStarted()
    {
        if (_results.Count == _segments.Count)
        {
            // Every segment has a result; the old coordinator died before it could say so.
            Finish(succeeded: true, failureReason: null);
            return;
        }

        _log.Info("New coordinator; re-submitting {Count} unfinished segments of job {JobId}", _segments.Count - _results.Count, _job.JobId);
        SubmitUnfinished();
    }

    private void OnJobCompleted()
    {
        if (_results.Count == _segments.Count)
        {
            Finish(succeeded: true, failureReason: null);
            return;
        }

        // The coordinator only knew part of the job (a re-submission); the rest still needs leases.
        SubmitUnfinished();
    }

    private void OnJobFailed(JobFailed failed) => Finish(succeeded: false, failed.Reason);

    private void SubmitUnfinished()
    {
        var unfinished = _job.Segments.Where(s => !_results.ContainsKey(s.Index)).ToImmutableArray();
        _coordinator.Tell(_job with { Segments = unfinished });
        Timers.StartSingleTimer(nameof(SubmitRetryTick), SubmitRetryTick.Instance, _submitRetry);
    }

    private void Finish(bool succeeded, string? failureReason)
    {
        foreach (var running in _running.Values)
        {
            running.Cancel();
        }

        _completion.TrySetResult(new JobResult(_job.JobId, succeeded, failureReason, _results.ToImmutableSortedDictionary()));
        Context.Stop(Self);
    }

    /// <summary>Turns a runner that throws synchronously into a faulted Task, so PipeTo sees every failure.</summary>
    private static async Task<SegmentRunResult> RunGuarded(ISegmentRunner runner, SegmentLease lease, CancellationToken token) =>
        await runner.RunAsync(lease, token);

    private sealed class RunningLease(SegmentLeased leased) : IDisposable
    {
        private readonly CancellationTokenSource _cts = new();

        public SegmentLeased Leased { get; } = leased;

        public bool Cancelled { get; private set; }

        public CancellationToken Token => _cts.Token;

        public void Cancel()
        {
            Cancelled = true;
            _cts.Cancel();
        }

        public void Dispose() => _cts.Dispose();
    }
}
