using System.Collections.Immutable;
using Vtr.Cli.Jobs;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Rendering;

/// <summary>One node's share of the job so far.</summary>
public sealed record NodeShare(string Node, int Frames, int Segments, int Running);

/// <summary>What the display shows at one instant (immutable).</summary>
public sealed record ProgressSnapshot(
    int TotalFrames,
    int FramesDone,
    int TotalSegments,
    int SegmentsDone,
    int Failures,
    TimeSpan Elapsed,
    ImmutableArray<NodeShare> Nodes)
{
    public double Fps => Elapsed.TotalSeconds > 0 ? FramesDone / Elapsed.TotalSeconds : 0;

    public TimeSpan? Eta => Fps > 0 && TotalFrames >= FramesDone ? TimeSpan.FromSeconds((TotalFrames - FramesDone) / Fps) : null;

    public double Fraction => TotalFrames > 0 ? Math.Min(1, (double)FramesDone / TotalFrames) : 0;
}

/// <summary>
/// Progress state of one job, owned by <see cref="ProgressListener"/> (pure, single-threaded): frames of finished
/// segments plus frames streamed by running leases, per node.
/// </summary>
public sealed class TranscodeProgress(int totalFrames, int totalSegments)
{
    private readonly Dictionary<LeaseId, (string Node, int Frames)> _running = [];
    private readonly Dictionary<string, (int Frames, int Segments)> _done = new(StringComparer.Ordinal);
    private readonly Dictionary<NodeId, string> _names = [];
    private int _segmentsDone;
    private int _failures;

    public void Started(SegmentStarted started)
    {
        ArgumentNullException.ThrowIfNull(started);
        var name = $"{started.Host}:{started.Port}";
        _names[started.NodeId] = name;
        _running[started.LeaseId] = (name, 0);
    }

    public void Encoded(FramesEncoded encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (_running.TryGetValue(encoded.LeaseId, out var lease))
        {
            _running[encoded.LeaseId] = (lease.Node, lease.Frames + encoded.Frames);
        }
    }

    /// <summary>Returns the node that finished it.</summary>
    public string Finished(SegmentFinished finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var node = _running.Remove(finished.LeaseId, out var lease) ? lease.Node : "?";
        var done = _done.GetValueOrDefault(node);
        _done[node] = (done.Frames + finished.Frames, done.Segments + 1);
        _segmentsDone++;
        return node;
    }

    public void Failed(SegmentRunFailed failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        _running.Remove(failed.LeaseId);
        _failures++;
    }

    public void Cancelled(SegmentRunCancelled cancelled)
    {
        ArgumentNullException.ThrowIfNull(cancelled);
        _running.Remove(cancelled.LeaseId);
    }

    public ProgressSnapshot Snapshot(TimeSpan elapsed)
    {
        var shares = new Dictionary<string, NodeShare>(StringComparer.Ordinal);
        foreach (var (node, done) in _done)
        {
            shares[node] = new NodeShare(node, done.Frames, done.Segments, 0);
        }

        foreach (var lease in _running.Values)
        {
            var share = shares.GetValueOrDefault(lease.Node) ?? new NodeShare(lease.Node, 0, 0, 0);
            shares[lease.Node] = share with { Frames = share.Frames + lease.Frames, Running = share.Running + 1 };
        }

        var frames = 0;
        foreach (var share in shares.Values)
        {
            frames += share.Frames;
        }

        return new ProgressSnapshot(
            totalFrames,
            Math.Min(frames, totalFrames),
            totalSegments,
            _segmentsDone,
            _failures,
            elapsed,
            [.. shares.Values.OrderBy(s => s.Node, StringComparer.Ordinal)]);
    }
}
