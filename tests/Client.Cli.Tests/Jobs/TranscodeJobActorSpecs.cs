using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.TestKit;
using Vtr.Cli.Jobs;
using Vtr.Shared.Cluster;

namespace Vtr.Client.Cli.Tests.Jobs;

public sealed class TranscodeJobActorSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(5);
    private static JobId Job { get; } = new("job-7");
    private static NodeId NodeA { get; } = new("a");
    private static NodeId NodeB { get; } = new("b");

    private readonly TestProbe _coordinator;
    private readonly TestProbe _mediator;
    private readonly TestProbe _progress;
    private readonly ScriptedRunner _runner = new();
    private readonly TaskCompletionSource<JobResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TranscodeJobActorSpecs()
    {
        _coordinator = CreateTestProbe("coordinator");
        _mediator = CreateTestProbe("mediator");
        _progress = CreateTestProbe("progress");
    }

    [Fact]
    public async Task Job_is_submitted_on_start_and_subscribes_to_coordinator_announcements()
    {
        StartJob(segments: 2);

        Assert.Equal(ClusterNames.CoordinatorTopic, (await _mediator.ExpectMsgAsync<Subscribe>(Timeout)).Topic);
        var submit = await _coordinator.ExpectMsgAsync<SubmitJob>(Timeout);
        Assert.Equal((Job, 2), (submit.JobId, submit.Segments.Length));
    }

    [Fact]
    public async Task Leased_segment_runs_and_is_reported_completed()
    {
        var actor = await SubmittedJobAsync(segments: 1);

        actor.Tell(Lease(0, NodeA), _coordinator.Ref);
        var started = await _progress.ExpectMsgAsync<SegmentStarted>(Timeout);
        _runner.Finish(started.LeaseId, SegmentRunResult.Success(30, TimeSpan.FromSeconds(2)));

        var completed = await _coordinator.ExpectMsgAsync<SegmentCompleted>(Timeout);
        Assert.Equal((0, started.LeaseId, 30, 2.0), (completed.SegmentIndex, completed.LeaseId, completed.Frames, completed.ElapsedSeconds));
        Assert.Equal(30, (await _progress.ExpectMsgAsync<SegmentFinished>(Timeout)).Frames);
    }

    [Fact]
    public async Task Two_finished_copies_of_a_segment_report_it_finished_once()
    {
        var actor = await SubmittedJobAsync(segments: 2);
        actor.Tell(Lease(0, NodeA), _coordinator.Ref);
        actor.Tell(Lease(0, NodeB), _coordinator.Ref); // the duplicate-tail copy
        var first = await _progress.ExpectMsgAsync<SegmentStarted>(Timeout);
        var second = await _progress.ExpectMsgAsync<SegmentStarted>(Timeout);

        _runner.Finish(first.LeaseId, SegmentRunResult.Success(30, TimeSpan.FromSeconds(1)));
        await _progress.ExpectMsgAsync<SegmentFinished>(Timeout);
        _runner.Finish(second.LeaseId, SegmentRunResult.Success(30, TimeSpan.FromSeconds(1)));

        await _coordinator.FishForMessageAsync(m => m is SegmentCompleted c && c.LeaseId == second.LeaseId, Timeout);
        await _progress.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Failed_or_throwing_run_is_reported_as_segment_failure()
    {
        var actor = await SubmittedJobAsync(segments: 2);
        actor.Tell(Lease(0, NodeA), _coordinator.Ref);
        actor.Tell(Lease(1, NodeB), _coordinator.Ref);
        var first = await _progress.ExpectMsgAsync<SegmentStarted>(Timeout);
        var second = await _progress.ExpectMsgAsync<SegmentStarted>(Timeout);

        _runner.Finish(first.LeaseId, SegmentRunResult.Failure("node refused"));
        Assert.Equal("node refused", (await _coordinator.ExpectMsgAsync<SegmentFailed>(Timeout)).Reason);
        _runner.Throw(second.LeaseId, new IOException("connection reset"));
        Assert.Equal("connection reset", (await _coordinator.ExpectMsgAsync<SegmentFailed>(Timeout)).Reason);
    }

    [Fact]
    public async Task Cancelled_lease_cancels_its_run_and_is_not_reported()
    {
        var actor = await SubmittedJobAsync(segments: 1);
        var lease = Lease(0, NodeA);
        actor.Tell(lease, _coordinator.Ref);
        await _progress.ExpectMsgAsync<SegmentStarted>(Timeout);

        actor.Tell(new LeaseCancelled(Job, 0, lease.LeaseId), _coordinator.Ref);

        Assert.Equal(lease.LeaseId, (await _progress.ExpectMsgAsync<SegmentRunCancelled>(Timeout)).LeaseId);
        await _runner.CancellationObserved(lease.LeaseId).WaitAsync(Timeout);
        await _coordinator.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task New_coordinator_gets_only_the_unfinished_segments()
    {
        var actor = await SubmittedJobAsync(segments: 3);
        actor.Tell(Lease(1, NodeA), _coordinator.Ref);
        _runner.Finish((await _progress.ExpectMsgAsync<SegmentStarted>(Timeout)).LeaseId, SegmentRunResult.Success(30, TimeSpan.FromSeconds(1)));
        await _coordinator.ExpectMsgAsync<SegmentCompleted>(Timeout);

        actor.Tell(CoordinatorStarted.Instance);

        var resubmit = await _coordinator.ExpectMsgAsync<SubmitJob>(Timeout);
        Assert.Equal([0, 2], resubmit.Segments.Select(s => s.Index));
    }

    [Fact]
    public async Task Job_is_re_submitted_when_the_coordinator_that_accepted_it_stops_even_without_an_announcement()
    {
        var actor = StartJob(segments: 2);
        await _coordinator.ExpectMsgAsync<SubmitJob>(Timeout);
        var incarnation = CreateTestProbe("coordinator-incarnation"); // what the singleton proxy forwarded to
        actor.Tell(new JobAccepted(Job, 2), incarnation.Ref);
        actor.Tell(Lease(0, NodeA), _coordinator.Ref);
        _runner.Finish((await _progress.ExpectMsgAsync<SegmentStarted>(Timeout)).LeaseId, SegmentRunResult.Success(30, TimeSpan.FromSeconds(1)));
        await _coordinator.ExpectMsgAsync<SegmentCompleted>(Timeout);
        await _coordinator.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        Sys.Stop(incarnation.Ref); // the hand-over stops the old singleton

        var resubmit = await _coordinator.ExpectMsgAsync<SubmitJob>(Timeout);
        Assert.Equal([1], resubmit.Segments.Select(s => s.Index));
    }

    [Fact]
    public async Task Lease_for_an_already_encoded_segment_is_answered_with_the_earlier_result()
    {
        var actor = await SubmittedJobAsync(segments: 2);
        actor.Tell(Lease(0, NodeA), _coordinator.Ref);
        _runner.Finish((await _progress.ExpectMsgAsync<SegmentStarted>(Timeout)).LeaseId, SegmentRunResult.Success(30, TimeSpan.FromSeconds(1)));
        await _coordinator.ExpectMsgAsync<SegmentCompleted>(Timeout);
        await _progress.ExpectMsgAsync<SegmentFinished>(Timeout);

        var again = Lease(0, NodeB);
        actor.Tell(again, _coordinator.Ref);

        Assert.Equal(again.LeaseId, (await _coordinator.ExpectMsgAsync<SegmentCompleted>(Timeout)).LeaseId);
        await _progress.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Job_completed_by_the_coordinator_yields_the_winning_lease_per_segment()
    {
        var actor = await SubmittedJobAsync(segments: 1);
        Watch(actor);
        actor.Tell(Lease(0, NodeB), _coordinator.Ref);
        var started = await _progress.ExpectMsgAsync<SegmentStarted>(Timeout);
        _runner.Finish(started.LeaseId, SegmentRunResult.Success(30, TimeSpan.FromSeconds(1)));
        await _coordinator.ExpectMsgAsync<SegmentCompleted>(Timeout);

        actor.Tell(new JobCompleted(Job), _coordinator.Ref);

        var result = await _completion.Task.WaitAsync(Timeout);
        Assert.True(result.Succeeded);
        Assert.Equal(new SegmentOutcome(started.LeaseId, NodeB, 30, TimeSpan.FromSeconds(1)), result.Segments[0]);
        await ExpectTerminatedAsync(actor, Timeout);
    }

    [Fact]
    public async Task Job_failed_by_the_coordinator_cancels_running_leases_and_reports_the_reason()
    {
        var actor = await SubmittedJobAsync(segments: 1);
        var lease = Lease(0, NodeA);
        actor.Tell(lease, _coordinator.Ref);
        await _progress.ExpectMsgAsync<SegmentStarted>(Timeout);

        actor.Tell(new JobFailed(Job, "no eligible node"), _coordinator.Ref);

        var result = await _completion.Task.WaitAsync(Timeout);
        Assert.Equal((false, "no eligible node"), (result.Succeeded, result.FailureReason));
        await _runner.CancellationObserved(lease.LeaseId).WaitAsync(Timeout);
    }

    private IActorRef StartJob(int segments)
    {
        var job = new SubmitJob(
            Job, "test", "hevc", "h264",
            [.. Enumerable.Range(0, segments).Select(i => new SegmentSpec(i, i * 100L, (i + 1) * 100L, 30))]);
        return Sys.ActorOf(TranscodeJobActor.Props(job, _coordinator.Ref, _mediator.Ref, _runner, _progress.Ref, _completion));
    }

    private async Task<IActorRef> SubmittedJobAsync(int segments)
    {
        var actor = StartJob(segments);
        await _coordinator.ExpectMsgAsync<SubmitJob>(Timeout);
        actor.Tell(new JobAccepted(Job, segments), _coordinator.Ref);
        return actor;
    }

    private static SegmentLeased Lease(int index, NodeId node) =>
        new(Job, index, LeaseId.New(), node, $"{node.Value}.local", 7000, SegmentTransport.Raw);

    /// <summary>A runner whose every run the test finishes, fails or observes being cancelled.</summary>
    private sealed class ScriptedRunner : ISegmentRunner
    {
        private readonly ConcurrentDictionary<LeaseId, TaskCompletionSource<SegmentRunResult>> _runs = new();
        private readonly ConcurrentDictionary<LeaseId, TaskCompletionSource> _cancelled = new();

        public Task<SegmentRunResult> RunAsync(SegmentLease lease, CancellationToken cancellationToken)
        {
            var run = Run(lease.LeaseId);
            cancellationToken.Register(() =>
            {
                Cancelled(lease.LeaseId).TrySetResult();
                run.TrySetCanceled(cancellationToken);
            });
            return run.Task;
        }

        public void Finish(LeaseId lease, SegmentRunResult result) => Run(lease).TrySetResult(result);

        public void Throw(LeaseId lease, Exception error) => Run(lease).TrySetException(error);

        public Task CancellationObserved(LeaseId lease) => Cancelled(lease).Task;

        private TaskCompletionSource<SegmentRunResult> Run(LeaseId lease) =>
            _runs.GetOrAdd(lease, _ => new TaskCompletionSource<SegmentRunResult>(TaskCreationOptions.RunContinuationsAsynchronously));

        private TaskCompletionSource Cancelled(LeaseId lease) =>
            _cancelled.GetOrAdd(lease, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
