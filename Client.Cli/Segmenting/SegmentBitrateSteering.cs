using System.Collections.Immutable;
using Vtr.Cli.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// Keeps a --bitrate job's whole file on its target. Every segment is a short ABR encode of its own, and short ABR
/// encodes of hard content overshoot (each starts with an IDR and a cold rate control: the issue-12 clip, 117 Mb/s of
/// noise in 2 s segments, landed +8.9 % over 8 Mb/s, beyond the ±3 % a user is promised). So the client steers: each
/// segment, as it starts, asks its node for the rate that spends what is left of the file's budget evenly over the
/// frames not yet encoded, divided by how far the finished segments landed from what they asked. Segments in flight
/// are counted at what they asked times that ratio. Unlike steering a crf, the first segments (asked the target
/// blind) still land near it, so a small file cannot be thrown off by a bad first guess; the ask stays within
/// [<see cref="LowestAsk"/>, <see cref="HighestAsk"/>] of the target so one odd segment cannot starve the rest.
/// </summary>
public sealed class SegmentBitrateSteering
{
    public const double LowestAsk = 0.5;
    public const double HighestAsk = 1.5;

    private readonly object _gate = new();
    private readonly long _target;
    private readonly ImmutableArray<SegmentPlan> _plans;
    private readonly int _totalFrames;
    private readonly double _secondsPerFrame;
    private readonly double _budgetBits;
    private readonly Dictionary<int, long> _inFlight = [];
    private readonly Dictionary<int, long> _asked = [];
    private readonly Dictionary<int, long> _corrections = [];
    private readonly HashSet<int> _finished = [];
    private double _spentBits;
    private double _askedBitsOfFinished;
    private int _framesFinished;

    /// <param name="target">The job's --bitrate, bit/s.</param>
    public SegmentBitrateSteering(long target, TimeSpan duration, ImmutableArray<SegmentPlan> plans)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(target);
        _target = target;
        _plans = plans;
        _totalFrames = plans.Sum(p => p.FrameCount);
        _secondsPerFrame = Math.Max(duration.TotalSeconds, 1e-3) / Math.Max(1, _totalFrames);
        _budgetBits = target * _secondsPerFrame * Math.Max(1, _totalFrames);
    }

    /// <summary>How far finished segments landed from what they asked (actual ÷ asked; 1 before any finished).</summary>
    public double LandingRatio
    {
        get
        {
            lock (_gate)
            {
                return Ratio();
            }
        }
    }

    /// <summary>The rate (bit/s) segment <paramref name="index"/> asks for, now that it starts (again, for a retry).</summary>
    public long Start(int index)
    {
        lock (_gate)
        {
            _inFlight.Remove(index);
            if (_corrections.TryGetValue(index, out var corrected))
            {
                _inFlight[index] = corrected;
                return corrected;
            }

            var ratio = Ratio();
            var inFlightBits = _inFlight.Sum(f => f.Value * _secondsPerFrame * _plans[f.Key].FrameCount * ratio);
            var framesLeft = _totalFrames - _framesFinished - _inFlight.Keys.Sum(i => _plans[i].FrameCount);
            var ask = _target;
            if (framesLeft > 0 && !_finished.Contains(index))
            {
                var needed = (_budgetBits - _spentBits - inFlightBits) / (framesLeft * _secondsPerFrame);
                ask = (long)Math.Round(Math.Clamp(needed / ratio, _target * LowestAsk, _target * HighestAsk));
            }

            _inFlight[index] = ask;
            return ask;
        }
    }

    /// <summary>Segment <paramref name="index"/> came back with <paramref name="videoBytes"/>: what it spent teaches the next asks.</summary>
    public void Finished(int index, long videoBytes)
    {
        lock (_gate)
        {
            if (!_inFlight.Remove(index, out var asked) || !_finished.Add(index))
            {
                return; // a duplicate run's result, dropped by the store as well
            }

            var frames = _plans[index].FrameCount;
            _asked[index] = asked;
            _spentBits += videoBytes * 8.0;
            _askedBitsOfFinished += asked * _secondsPerFrame * frames;
            _framesFinished += frames;
        }
    }

    /// <summary>The run of segment <paramref name="index"/> failed: it no longer counts as in flight.</summary>
    public void Abandoned(int index)
    {
        lock (_gate)
        {
            _inFlight.Remove(index);
        }
    }

    /// <summary>A segment an earlier run stored (resume): spent, and a sample of how the target lands.</summary>
    public void Resumed(int index, long videoBytes)
    {
        lock (_gate)
        {
            if (!_finished.Add(index))
            {
                return;
            }

            var frames = _plans[index].FrameCount;
            _spentBits += videoBytes * 8.0;
            _askedBitsOfFinished += _target * _secondsPerFrame * frames;
            _framesFinished += frames;
        }
    }

    /// <summary>
    /// The rate segment <paramref name="index"/>'s stored result asked for: what its run started with (or the correction
    /// kept in its place); the target for a segment an earlier run stored, whose ask was not recorded.
    /// </summary>
    public long AskOf(int index)
    {
        lock (_gate)
        {
            return _asked.GetValueOrDefault(index, _target);
        }
    }

    /// <summary>
    /// Every later run of the finished segment <paramref name="index"/> asks for <paramref name="ask"/> (the correction
    /// pass on outliers, <see cref="BitrateCorrection"/>; a re-encode job may run a segment twice, when the coordinator
    /// duplicates a straggler); what it lands does not teach the steering, whose job is over.
    /// </summary>
    public void Correct(int index, long ask)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ask);
        lock (_gate)
        {
            _corrections[index] = ask;
        }
    }

    /// <summary>The correction of segment <paramref name="index"/> at <paramref name="ask"/> was kept: its stored result now asked that.</summary>
    public void Kept(int index, long ask)
    {
        lock (_gate)
        {
            _asked[index] = ask;
        }
    }

    private double Ratio() => _askedBitsOfFinished > 0 ? Math.Clamp(_spentBits / _askedBitsOfFinished, 0.5, 2) : 1;
}
