using System.Collections.Concurrent;
using Vtr.Cli.Jobs;
using Vtr.Shared.Cluster;

namespace Vtr.Client.Cli.Tests.Jobs;

/// <summary>
/// Stands in for VTR1 streaming (tested elsewhere): every run waits until the test calls
/// <see cref="Release"/>; runs on a node marked with <see cref="Hang"/> never finish unless cancelled.
/// </summary>
internal sealed class GatedSegmentRunner : ISegmentRunner
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<NodeId, TaskCompletionSource> _firstRunOn = new();
    private readonly ConcurrentDictionary<NodeId, bool> _hanging = new();

    public void Release() => _gate.TrySetResult();

    public void Hang(NodeId node) => _hanging[node] = true;

    /// <summary>Completes once a run has started on <paramref name="node"/>.</summary>
    public Task FirstRunOn(NodeId node) => FirstRunSignal(node).Task;

    public async Task<SegmentRunResult> RunAsync(SegmentLease lease, CancellationToken cancellationToken)
    {
        FirstRunSignal(lease.NodeId).TrySetResult();
        if (_hanging.ContainsKey(lease.NodeId))
        {
            // The node died mid-segment: only the coordinator's cancellation ends this run.
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
        }

        await _gate.Task.WaitAsync(cancellationToken);
        return SegmentRunResult.Success(lease.Segment.FrameCount, TimeSpan.FromMilliseconds(10));
    }

    private TaskCompletionSource FirstRunSignal(NodeId node) =>
        _firstRunOn.GetOrAdd(node, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
