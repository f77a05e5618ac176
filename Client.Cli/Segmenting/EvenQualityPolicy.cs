using Vtr.Shared.Cluster;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// Holds one quality-mode job to an even quality across a mixed farm (pure, thread-safe): every segment's PSNR is
/// compared with the job's median segment, and a segment further than <see cref="ToleranceDb"/> from it is
/// re-encoded with a crf moved by the distance over <see cref="DbPerCrf"/> (a bounded target-quality loop, like
/// Av1an's), at most <see cref="MaxRetries"/> times per segment and within a budget of re-encoded frames; the attempt
/// nearer the median is kept. What a node's segments needed is remembered as that node's crf offset, so its next
/// segments start calibrated and a steady farm stops re-encoding after the first segment per node.
/// </summary>
public sealed class EvenQualityPolicy
{
    /// <summary>x264's PSNR per crf step around the usable range (crf 17–29 on the quality-scale clip: 0.58–0.67 dB,
    /// docs/benchmarks.md "Quality scale"); a retry's measurement corrects what this estimate misses.</summary>
    public const double DbPerCrf = 0.6;

    /// <summary>Largest crf offset a node may be given: beyond this a node is not "another preset" but broken.</summary>
    public const double MaxOffset = 15;

    /// <summary>The default distance from the median a segment may have before it is re-encoded (--quality-spread).</summary>
    public const double DefaultToleranceDb = 1.0;

    public const int DefaultMaxRetries = 2;

    /// <summary>Re-encoded frames allowed, as a share of the job's frames: at most this much extra encode time.</summary>
    public const double DefaultRetryBudget = 0.5;

    private readonly Lock _gate = new();
    private readonly Dictionary<NodeId, double> _offsets = [];
    private readonly Dictionary<int, Kept> _kept = [];
    private readonly int _jobFrames;
    private int _retriedFrames;

    /// <param name="baseCrf">The crf the job's quality stands for on a software node; null = measure only (bitrate mode).</param>
    /// <param name="toleranceDb">Allowed distance from the median segment; 0 = measure only.</param>
    /// <param name="jobFrames">Frames of the job, for the retry budget.</param>
    public EvenQualityPolicy(double? baseCrf, double toleranceDb, int jobFrames)
    {
        BaseCrf = toleranceDb > 0 ? baseCrf : null;
        ToleranceDb = toleranceDb;
        _jobFrames = jobFrames;
    }

    public double? BaseCrf { get; }

    public double ToleranceDb { get; }

    public int MaxRetries { get; init; } = DefaultMaxRetries;

    public double RetryBudget { get; init; } = DefaultRetryBudget;

    /// <summary>True when the policy changes settings (quality mode with a tolerance); false = it only measures.</summary>
    public bool Active => BaseCrf is not null;

    /// <summary>The crf offset <paramref name="node"/> encodes with now (0 until one of its segments was measured).</summary>
    public double OffsetFor(NodeId node)
    {
        lock (_gate)
        {
            return Active && _offsets.TryGetValue(node, out var offset) ? offset : 0;
        }
    }

    /// <summary>The crf of an offset, within x264's range.</summary>
    public double CrfAt(double offset) => Math.Clamp(Math.Round((BaseCrf ?? 0) + offset, 1), 0, 51);

    /// <summary>
    /// Takes a segment's measured attempt: the first one is kept, a later one replaces the kept attempt when it lies
    /// nearer the median. Learns the node's offset and says whether the segment should be encoded again.
    /// </summary>
    public EvenQualityDecision Record(int index, NodeId node, double offset, double psnr, int frames)
    {
        lock (_gate)
        {
            var attempts = _kept.TryGetValue(index, out var kept) ? kept.Attempts + 1 : 1;
            var median = Median(except: index) ?? psnr;
            var keep = kept is null || Math.Abs(psnr - median) < Math.Abs(kept.Psnr - median);
            if (keep)
            {
                _kept[index] = new Kept(node, offset, psnr, frames, attempts);
            }
            else
            {
                _kept[index] = kept! with { Attempts = attempts }; // keep is false only when kept exists
            }

            if (Active && _kept.Count > 1)
            {
                // What this node would have needed to land on the median, remembered for its next segments.
                _offsets[node] = Math.Clamp(offset + ((psnr - median) / DbPerCrf), -MaxOffset, MaxOffset);
            }

            return new EvenQualityDecision(keep, ShouldRetry(index));
        }
    }

    /// <summary>Reserves a retry of <paramref name="index"/> when it is still an outlier and the bounds allow one.</summary>
    public bool TryReserveRetry(int index)
    {
        lock (_gate)
        {
            if (!ShouldRetry(index))
            {
                return false;
            }

            _retriedFrames += _kept[index].Frames;
            return true;
        }
    }

    /// <summary>Segments outside the tolerance of the median as it stands now (the end-of-job sweep).</summary>
    public IReadOnlyList<int> Outliers()
    {
        lock (_gate)
        {
            return [.. _kept.Keys.Where(IsOutlier).Order()];
        }
    }

    /// <summary>How many attempts a segment took (1 = never re-encoded).</summary>
    public int Attempts(int index)
    {
        lock (_gate)
        {
            return _kept.TryGetValue(index, out var kept) ? kept.Attempts : 0;
        }
    }

    private bool ShouldRetry(int index) =>
        Active && IsOutlier(index) && _kept[index].Attempts <= MaxRetries
        && _retriedFrames + _kept[index].Frames <= RetryBudget * _jobFrames;

    private bool IsOutlier(int index) =>
        _kept.Count > 1 && Median(except: null) is { } median && Math.Abs(_kept[index].Psnr - median) > ToleranceDb;

    private double? Median(int? except)
    {
        var values = _kept.Where(k => k.Key != except).Select(k => k.Value.Psnr).Order().ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private sealed record Kept(NodeId Node, double Offset, double Psnr, int Frames, int Attempts);
}

/// <summary>What <see cref="EvenQualityPolicy.Record"/> decided: keep this attempt, and whether to try once more.</summary>
public readonly record struct EvenQualityDecision(bool Keep, bool Retry);
