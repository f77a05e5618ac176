using Vtr.Shared.Cluster;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// Holds one quality-mode job to an even quality across a mixed farm (pure, thread-safe): every segment's PSNR is
/// compared with the job's median segment, and a segment further than <see cref="ToleranceDb"/> from it is
/// re-encoded with its crf moved by the distance over a slope in dB per crf step (a bounded target-quality loop, like
/// Av1an's), at most <see cref="MaxRetries"/> times per segment and within a budget of re-encoded frames; the attempt
/// nearer the median is kept. The slope is the segment's own once two of its attempts on one node were measured (the
/// secant), else the node's measured one, else <see cref="DbPerCrf"/>. What a node's segments needed, averaged, is remembered
/// as that node's crf offset, so its next segments start calibrated and a steady farm stops re-encoding after the first
/// segment per node. Nodes learn, and retries are spent, only against a median of at least
/// <see cref="MinSegmentsToJudge"/> segments, a retry leaves one retry's budget for each worse outlier, and the
/// end-of-job sweep serves the furthest outliers first, so an early, unsettled median can neither miscalibrate a node
/// nor use up the budget a real outlier needs.
/// </summary>
public sealed class EvenQualityPolicy
{
    /// <summary>x264's PSNR per crf step around the usable range (crf 17–29 on the quality-scale clip: 0.58–0.67 dB,
    /// docs/benchmarks.md "Quality scale"): the slope until a segment or node has measured its own.</summary>
    public const double DbPerCrf = 0.6;

    /// <summary>The range a measured slope is clamped to: flat or steep content stays within it, while one noisy secant
    /// (two attempts a fraction of a dB apart) cannot send the next crf across the scale.</summary>
    public const double MinDbPerCrf = 0.25;

    public const double MaxDbPerCrf = 1.5;

    /// <summary>Largest crf offset a node may be given: beyond this a node is not "another preset" but broken.</summary>
    public const double MaxOffset = 15;

    /// <summary>The default distance from the median a segment may have before it is re-encoded (--quality-spread).</summary>
    public const double DefaultToleranceDb = 1.0;

    public const int DefaultMaxRetries = 2;

    /// <summary>Re-encoded frames allowed, as a share of the job's frames: at most this much extra encode time.</summary>
    public const double DefaultRetryBudget = 0.5;

    /// <summary>Segments the median must stand on before a node learns from it or a retry is spent (unless every frame
    /// was measured): the median of two is their mean, so on a mixed farm it lies between two presets, both segments
    /// are equally far from it and a node calibrated to it lands between them too.</summary>
    public const int MinSegmentsToJudge = 3;

    private readonly Lock _gate = new();
    private readonly Dictionary<NodeId, Dictionary<int, Landing>> _landings = [];
    private readonly Dictionary<NodeId, (double Sum, int Count)> _nodeSlopes = [];
    private readonly Dictionary<int, Segment> _segments = [];
    private readonly HashSet<int> _inFlight = [];
    private readonly int _jobFrames;
    private int _measuredFrames;
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

    /// <summary>The crf offset <paramref name="node"/> encodes new segments with (0 until one of its segments was measured).</summary>
    public double OffsetFor(NodeId node)
    {
        lock (_gate)
        {
            return Active ? NodeOffset(node) : 0;
        }
    }

    /// <summary>
    /// The crf offset <paramref name="node"/> encodes segment <paramref name="index"/> with: the node's offset for a
    /// segment not measured yet; for a retry, the step from the segment's latest attempt (on this node when it has one)
    /// to the median along the segment's slope, an attempt on another node carried over by the two nodes' offsets.
    /// </summary>
    public double OffsetFor(NodeId node, int index)
    {
        lock (_gate)
        {
            if (!Active)
            {
                return 0;
            }

            if (!_segments.TryGetValue(index, out var segment) || Median(except: index) is not { } median)
            {
                return NodeOffset(node);
            }

            var from = segment.LatestOn(node) ?? segment.Latest;
            var needed = Math.Clamp(from.Offset + ((from.Psnr - median) / Slope(segment, from.Node)), -MaxOffset, MaxOffset);
            if (from.Node == node)
            {
                return needed;
            }

            // The segment's distance from its node's calibration is its content, carried over to this node's calibration;
            // before its node was calibrated that distance is mostly the node's own (a preset), which this node lacks.
            return _landings.ContainsKey(from.Node)
                ? Math.Clamp(needed - NodeOffset(from.Node) + NodeOffset(node), -MaxOffset, MaxOffset)
                : NodeOffset(node);
        }
    }

    /// <summary>The crf of an offset, within x264's range.</summary>
    public double CrfAt(double offset) => Math.Clamp(Math.Round((BaseCrf ?? 0) + offset, 1), 0, 51);

    /// <summary>
    /// Takes a segment's measured attempt: the first one is kept, a later one replaces the kept attempt when it lies
    /// nearer the median. Learns the node's slope and offset and says whether the segment should be encoded again.
    /// </summary>
    public EvenQualityDecision Record(int index, NodeId node, double offset, double psnr, int frames)
    {
        lock (_gate)
        {
            var median = Median(except: index) ?? psnr;
            var attempt = new Attempt(node, offset, psnr);
            bool keep;
            if (_segments.TryGetValue(index, out var segment))
            {
                keep = Math.Abs(psnr - median) < Math.Abs(segment.Kept.Psnr - median);
                segment = segment.With(attempt, keep);
            }
            else
            {
                keep = true;
                segment = Segment.First(attempt, frames);
                _measuredFrames += frames;
            }

            _segments[index] = segment;
            _inFlight.Remove(index);
            var secant = Active ? Secant(segment, node) : null;
            if (secant is { } measured)
            {
                var (sum, count) = _nodeSlopes.GetValueOrDefault(node);
                _nodeSlopes[node] = (sum + measured, count + 1);
            }

            if (Active && Settled(_segments.Count - 1))
            {
                // Where this node landed this segment against the median of the others (its latest attempt), for its next segments.
                if (!_landings.TryGetValue(node, out var landings))
                {
                    _landings[node] = landings = [];
                }

                landings[index] = new Landing(offset, psnr, median);
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

            _retriedFrames += _segments[index].Frames;
            _inFlight.Add(index);
            return true;
        }
    }

    /// <summary>Segments outside the tolerance of the median as it stands now, furthest first (the end-of-job sweep
    /// reserves retries in this order, so a short budget goes to the worst segments).</summary>
    public IReadOnlyList<int> Outliers()
    {
        lock (_gate)
        {
            return Median(except: null) is { } median
                ? [.. _segments.Keys.Where(i => IsOutlier(i, median)).OrderByDescending(i => Math.Abs(_segments[i].Kept.Psnr - median)).ThenBy(i => i)]
                : [];
        }
    }

    /// <summary>How many attempts a segment took (1 = never re-encoded).</summary>
    public int Attempts(int index)
    {
        lock (_gate)
        {
            return _segments.TryGetValue(index, out var segment) ? segment.Attempts.Count : 0;
        }
    }

    /// <summary>The crf offset that would have landed the node's segments on the median, averaged over its segments (each
    /// by its latest attempt there) at the node's current slope: one segment's need is its content as much as the node's,
    /// and the last segment's alone once calibrated a medium node 0.9 steps too low from one easy segment and sent a hard
    /// segment's last retry there 1.05 dB off (MixedFarmQualityTests).</summary>
    private double NodeOffset(NodeId node) => _landings.TryGetValue(node, out var landings)
        ? Math.Clamp(landings.Values.Average(l => l.Offset + ((l.Psnr - l.Median) / NodeSlope(node))), -MaxOffset, MaxOffset)
        : 0;

    /// <summary>dB per crf step for a segment on a node: its own secant there, else the node's mean secant, else the default.</summary>
    private double Slope(Segment segment, NodeId node) => Secant(segment, node) ?? NodeSlope(node);

    /// <summary>The node's mean secant over its retried segments, else the default.</summary>
    private double NodeSlope(NodeId node) => _nodeSlopes.TryGetValue(node, out var slopes) ? slopes.Sum / slopes.Count : DbPerCrf;

    /// <summary>The slope between the segment's two latest attempts on the node, clamped; null when it has fewer, when
    /// both ran at the same crf, or when quality rose with the crf (noise, not a slope).</summary>
    private double? Secant(Segment segment, NodeId node)
    {
        var onNode = segment.Attempts.Where(a => a.Node == node).TakeLast(2).ToList();
        if (onNode.Count < 2)
        {
            return null;
        }

        var (a, b) = (onNode[0], onNode[1]);
        var crfStep = CrfAt(b.Offset) - CrfAt(a.Offset); // the crfs really encoded: rounded and clamped
        var slope = Math.Abs(crfStep) < 0.05 ? 0 : (a.Psnr - b.Psnr) / crfStep;
        return slope > 0 ? Math.Clamp(slope, MinDbPerCrf, MaxDbPerCrf) : null;
    }

    private bool ShouldRetry(int index) =>
        Active && Settled(_segments.Count) && Median(except: null) is { } median && IsOutlier(index, median) && Retryable(index)
        && _retriedFrames + _segments[index].Frames + HeldForWorse(index, median) <= RetryBudget * _jobFrames;

    private bool Retryable(int index) => _segments[index].Attempts.Count <= MaxRetries;

    /// <summary>Frames of one retry for each outlier further from the median than <paramref name="index"/> that may still
    /// be retried and has none under way: a retry never takes the budget a worse segment needs (one judged before the
    /// median settled waits for the sweep, and the segments arriving after it must not spend its share).</summary>
    private int HeldForWorse(int index, double median)
    {
        var distance = Math.Abs(_segments[index].Kept.Psnr - median);
        return _segments.Where(s => s.Key != index && Retryable(s.Key) && !_inFlight.Contains(s.Key) && Math.Abs(s.Value.Kept.Psnr - median) > Math.Max(distance, ToleranceDb))
            .Sum(s => s.Value.Frames);
    }

    /// <summary>Whether a median of this many segments can be trusted: enough of them, or every one of the job's.</summary>
    private bool Settled(int segments) => segments >= MinSegmentsToJudge || (segments > 0 && _measuredFrames >= _jobFrames);

    private bool IsOutlier(int index, double median) =>
        _segments.Count > 1 && Math.Abs(_segments[index].Kept.Psnr - median) > ToleranceDb;

    private double? Median(int? except)
    {
        var values = _segments.Where(s => s.Key != except).Select(s => s.Value.Kept.Psnr).Order().ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private sealed record Attempt(NodeId Node, double Offset, double Psnr);

    /// <summary>One measured attempt of a node: its crf offset, its PSNR and the median of the other segments then.</summary>
    private sealed record Landing(double Offset, double Psnr, double Median);

    /// <summary>A segment's measured attempts in order, and the one kept (nearest the median when it was measured).</summary>
    private sealed record Segment(Attempt Kept, int Frames, IReadOnlyList<Attempt> Attempts)
    {
        public Attempt Latest => Attempts[^1];

        public static Segment First(Attempt attempt, int frames) => new(attempt, frames, [attempt]);

        public Segment With(Attempt attempt, bool keep) => new(keep ? attempt : Kept, Frames, [.. Attempts, attempt]);

        public Attempt? LatestOn(NodeId node) => Attempts.LastOrDefault(a => a.Node == node);
    }
}

/// <summary>What <see cref="EvenQualityPolicy.Record"/> decided: keep this attempt, and whether to try once more.</summary>
public readonly record struct EvenQualityDecision(bool Keep, bool Retry);
