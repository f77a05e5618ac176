using System.Collections.Immutable;
using Vtr.Cli.Jobs;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Rendering;

/// <summary>One node's share of the job so far.</summary>
public sealed record NodeShare(string Node, int Frames, int Segments, int Running);

/// <summary>One file of a batch: its job, the name the display shows and the work it brings.</summary>
public sealed record FileProgressTarget(JobId JobId, string Name, int TotalFrames, int TotalSegments);

/// <summary>One file's progress within a batch.</summary>
public sealed record FileProgress(string Name, int FramesDone, int TotalFrames, int SegmentsDone, int TotalSegments)
{
    public double Fraction => TotalFrames > 0 ? Math.Min(1, (double)FramesDone / TotalFrames) : 0;
}

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
    /// <summary>Each file of a batch, in input order; empty for a single file, whose totals say it all.</summary>
    public ImmutableArray<FileProgress> Files { get; init; } = [];

    public double Fps => Elapsed.TotalSeconds > 0 ? FramesDone / Elapsed.TotalSeconds : 0;

    public TimeSpan? Eta => Fps > 0 && TotalFrames >= FramesDone ? TimeSpan.FromSeconds((TotalFrames - FramesDone) / Fps) : null;

    public double Fraction => TotalFrames > 0 ? Math.Min(1, (double)FramesDone / TotalFrames) : 0;
}

/// <summary>
/// Progress state of one job or a batch of jobs, owned by <see cref="ProgressListener"/> (pure, single-threaded): frames
/// of finished segments plus frames streamed by running leases, per node and, for a batch, per file.
/// </summary>
public sealed class TranscodeProgress
{
    private readonly int _totalFrames;
    private readonly int _totalSegments;
    private readonly ImmutableArray<FileProgressTarget> _files;
    private readonly Dictionary<LeaseId, RunningLease> _running = [];
    private readonly Dictionary<string, (int Frames, int Segments)> _done = new(StringComparer.Ordinal);
    private readonly Dictionary<JobId, (int Frames, int Segments)> _doneByJob = [];
    private int _segmentsDone;
    private int _failures;

    public TranscodeProgress(int totalFrames, int totalSegments)
    {
        _totalFrames = totalFrames;
        _totalSegments = totalSegments;
        _files = [];
    }

    /// <summary>A batch: the totals are the files' sums, and the snapshot carries a row per file.</summary>
    public TranscodeProgress(ImmutableArray<FileProgressTarget> files)
    {
        _files = files;
        _totalFrames = files.Sum(f => f.TotalFrames);
        _totalSegments = files.Sum(f => f.TotalSegments);
    }

    /// <summary>The display name of a batch file's job; null for a single job.</summary>
    public string? FileName(JobId jobId)
    {
        foreach (var file in _files)
        {
            if (file.JobId == jobId)
            {
                return file.Name;
            }
        }

        return null;
    }

    public void Started(SegmentStarted started)
    {
        ArgumentNullException.ThrowIfNull(started);
        _running[started.LeaseId] = new RunningLease(started.JobId, $"{started.Host}:{started.Port}", 0);
    }

    public void Encoded(FramesEncoded encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (_running.TryGetValue(encoded.LeaseId, out var lease))
        {
            _running[encoded.LeaseId] = lease with { Frames = lease.Frames + encoded.Frames };
        }
    }

    /// <summary>Returns the node that finished it.</summary>
    public string Finished(SegmentFinished finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var node = _running.Remove(finished.LeaseId, out var lease) ? lease.Node : "?";
        var done = _done.GetValueOrDefault(node);
        _done[node] = (done.Frames + finished.Frames, done.Segments + 1);
        var job = _doneByJob.GetValueOrDefault(finished.JobId);
        _doneByJob[finished.JobId] = (job.Frames + finished.Frames, job.Segments + 1);
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
            _totalFrames,
            Math.Min(frames, _totalFrames),
            _totalSegments,
            _segmentsDone,
            _failures,
            elapsed,
            [.. shares.Values.OrderBy(s => s.Node, StringComparer.Ordinal)])
        {
            Files = [.. _files.Select(FileProgressOf)],
        };
    }

    private FileProgress FileProgressOf(FileProgressTarget file)
    {
        var (frames, segments) = _doneByJob.GetValueOrDefault(file.JobId);
        foreach (var lease in _running.Values)
        {
            if (lease.JobId == file.JobId)
            {
                frames += lease.Frames;
            }
        }

        return new FileProgress(file.Name, Math.Min(frames, file.TotalFrames), file.TotalFrames, segments, file.TotalSegments);
    }

    private sealed record RunningLease(JobId JobId, string Node, int Frames);
}
