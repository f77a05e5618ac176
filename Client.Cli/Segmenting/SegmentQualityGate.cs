using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Vtr.Cli.Media;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Segmenting;

/// <summary>Encodes one segment again (the caller picks the node through the cluster) and returns the validated attempt
/// with the crf offset it ran at, or null when no node could.</summary>
public delegate Task<(EncodedSegment Segment, double Offset)?> SegmentReencoder(int index, CancellationToken ct);

/// <summary>
/// The per-segment check of one file, run while the job's other segments are still encoding: each stored segment is
/// measured against its source as it arrives, by the node that encoded it when it sent its measurement (it holds the
/// source pictures already, <see cref="NodeQualityMeasurement"/>), else here (<see cref="SegmentQualityProbe"/>, one at
/// a time, on the otherwise idle client), and the <see cref="EvenQualityPolicy"/> decides whether it is re-encoded. A segment that
/// does not decode to its frames is re-encoded too. <see cref="CompleteAsync"/>, once the job ended, measures what an
/// earlier run left (resume), re-encodes the outliers against the final median and returns the quality report.
/// </summary>
public sealed class SegmentQualityGate
{
    /// <summary>Attempts a segment that fails its decode check gets before the job fails.</summary>
    private const int DecodeAttempts = 3;

    private readonly MediaInfo _info;
    private readonly ImmutableArray<SegmentPlan> _plans;
    private readonly SegmentEncodeSettings _settings;
    private readonly SegmentResultStore _store;
    private readonly SegmentReencoder _reencode;
    private readonly string _scratch;
    private readonly Channel<(int Index, double Offset, bool Recorded)> _arrived;
    private readonly ConcurrentDictionary<int, SegmentMeasurement> _measured = new();
    private readonly ConcurrentDictionary<int, string> _broken = new();
    private readonly CancellationToken _ct;
    private readonly Lock _acceptLock = new();
    private readonly Task _worker;
    private long _checkTicks;

    public SegmentQualityGate(
        MediaInfo info, ImmutableArray<SegmentPlan> plans, SegmentEncodeSettings settings, SegmentResultStore store,
        EvenQualityPolicy policy, SegmentReencoder reencode, string scratchDirectory, CancellationToken ct)
    {
        _info = info;
        _plans = plans;
        _settings = settings;
        _store = store;
        Policy = policy;
        _reencode = reencode;
        _scratch = scratchDirectory;
        _ct = ct;
        // Each segment arrives once (the store drops duplicates), so the plan's length bounds the queue.
        _arrived = Channel.CreateBounded<(int, double, bool)>(new BoundedChannelOptions(Math.Max(1, plans.Length)) { SingleReader = true });
        _worker = Task.Run(CheckArrivalsAsync, ct);
    }

    public EvenQualityPolicy Policy { get; }

    /// <summary>Wall time spent measuring (the check's own cost, reported with the job).</summary>
    public TimeSpan CheckTime => TimeSpan.FromTicks(Interlocked.Read(ref _checkTicks));

    /// <summary>
    /// Takes a validated segment: stores it and queues its check (a duplicate is dropped). A segment its node measured is
    /// recorded with the policy here, before the runner hands the node its next lease, so that lease already starts at
    /// the offset this segment teaches (queued behind other checks and retries, it would come one segment too late).
    /// </summary>
    public void Accept(EncodedSegment segment, double offset)
    {
        ArgumentNullException.ThrowIfNull(segment);
        // One at a time, so a duplicate run's result (dropped) returns only after the first one is recorded: the loser
        // can end the job, and CompleteAsync would otherwise check and record the segment a second time (seen in CI as a
        // second attempt in a measure-only job).
        lock (_acceptLock)
        {
            if (_store.Add(segment))
            {
                _arrived.Writer.TryWrite((segment.Index, offset, TryRecordNodeMeasurement(segment, offset)));
            }
        }
    }

    /// <summary>
    /// After the job: finishes the queued checks, measures segments stored by an earlier run, re-encodes the outliers
    /// of the final median (in parallel, bounded by the policy) and reports. Throws
    /// <see cref="TranscodeFailedException"/> when a segment never decoded to its frames.
    /// </summary>
    public async Task<SegmentQualityReport> CompleteAsync()
    {
        _arrived.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
        foreach (var plan in _plans.Where(p => !_measured.ContainsKey(p.Index) && !_broken.ContainsKey(p.Index)))
        {
            await CheckAsync(plan.Index, _store.Header(plan.Index).NodeId, 0).ConfigureAwait(false);
        }

        await Task.WhenAll(Policy.Outliers().Select(RetryWhileOutlierAsync)).ConfigureAwait(false);
        if (!_broken.IsEmpty)
        {
            throw new TranscodeFailedException(_broken.OrderBy(b => b.Key).First().Value);
        }

        return Report();
    }

    /// <summary>The quality of the segments stored now (after <see cref="CompleteAsync"/>, every one was measured).</summary>
    public SegmentQualityReport Report()
    {
        var segments = _plans.Select(p => (p.Index, _store.Header(p.Index).NodeId, _measured[p.Index], Policy.Attempts(p.Index)));
        return SegmentQualityReport.Build([.. segments], _info.BitDepth, CheckTime);
    }

    /// <summary>
    /// After <see cref="CompleteAsync"/>: puts a re-encode made for another reason than quality (the --bitrate correction
    /// pass, <see cref="BitrateCorrectionPass"/>) in place of the stored segment once it is measured like any other, so
    /// <see cref="Report"/> describes what the output holds. False, and the old segment stays, when it does not decode
    /// to its frames.
    /// </summary>
    public async Task<bool> ReplaceAsync(EncodedSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var measurement = await MeasureAsync(segment).ConfigureAwait(false);
        if (!measurement.Succeeded)
        {
            return false;
        }

        _store.Replace(segment);
        _measured[segment.Index] = measurement;
        return true;
    }

    private async Task CheckArrivalsAsync()
    {
        await foreach (var (index, offset, recorded) in _arrived.Reader.ReadAllAsync(_ct).ConfigureAwait(false))
        {
            if (recorded || await CheckAsync(index, _store.Header(index).NodeId, offset).ConfigureAwait(false))
            {
                await RetryWhileOutlierAsync(index).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Records a segment by its node's measurement (no work: no decode here); false when it has none or the
    /// measurement failed, which <see cref="CheckAsync"/> then handles.</summary>
    private bool TryRecordNodeMeasurement(EncodedSegment segment, double offset)
    {
        if (segment.NodeMeasurement is not { } measured || NodeQualityMeasurement.Against(measured, _plans[segment.Index]) is not { Succeeded: true } measurement)
        {
            return false;
        }

        _measured[segment.Index] = measurement;
        Policy.Record(segment.Index, segment.NodeId, offset, measurement.Psnr(_info.BitDepth), measurement.Frames);
        return true;
    }

    /// <summary>Measures the stored segment; one that does not decode is re-encoded. True when it was measured.</summary>
    private async Task<bool> CheckAsync(int index, NodeId node, double offset)
    {
        var stored = _store.Header(index);
        var measurement = await MeasureAsync(stored.NodeMeasurement is null ? _store.Get(index) : stored).ConfigureAwait(false);
        for (var attempt = 1; !measurement.Succeeded && attempt < DecodeAttempts; attempt++)
        {
            if (await _reencode(index, _ct).ConfigureAwait(false) is not { } again)
            {
                break;
            }

            measurement = await MeasureAsync(again.Segment).ConfigureAwait(false);
            if (measurement.Succeeded)
            {
                _store.Replace(again.Segment);
                (node, offset) = (again.Segment.NodeId, again.Offset);
            }
        }

        if (!measurement.Succeeded)
        {
            _broken[index] = measurement.Problem!; // not Succeeded means a problem
            return false;
        }

        _measured[index] = measurement;
        Policy.Record(index, node, offset, measurement.Psnr(_info.BitDepth), measurement.Frames);
        return true;
    }

    /// <summary>The bounded loop: while the segment is an outlier and the policy grants a retry, encode it again and
    /// keep whichever attempt lies nearer the median.</summary>
    private async Task RetryWhileOutlierAsync(int index)
    {
        while (Policy.TryReserveRetry(index))
        {
            if (await _reencode(index, _ct).ConfigureAwait(false) is not { } again)
            {
                return;
            }

            var measurement = await MeasureAsync(again.Segment).ConfigureAwait(false);
            if (!measurement.Succeeded)
            {
                continue;
            }

            var decision = Policy.Record(index, again.Segment.NodeId, again.Offset, measurement.Psnr(_info.BitDepth), measurement.Frames);
            if (decision.Keep)
            {
                _store.Replace(again.Segment);
                _measured[index] = measurement;
            }
        }
    }

    /// <summary>The node's measurement when it sent one (no packet bytes needed), else this client's ffmpeg run.</summary>
    private async Task<SegmentMeasurement> MeasureAsync(EncodedSegment segment)
    {
        if (segment.NodeMeasurement is { } measured)
        {
            return NodeQualityMeasurement.Against(measured, _plans[segment.Index]);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return await SegmentQualityProbe.MeasureAsync(_info, _plans[segment.Index], _settings.Codec, segment, _scratch, _ct).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref _checkTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
        }
    }
}
