using System.Collections.Immutable;
using Vtr.Cli.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// `--bitrate` as one constant quality per segment, steered by the client (pure, thread-safe): each segment is a crf
/// encode, and the crf of the next segment to start is the one that spends what is left of the file's budget evenly
/// over the frames not started yet, judged by what the segments finished so far cost at their crf. A per-segment ABR
/// encode starts its rate control cold every segment (an initial quantiser guess, no history, a tight tolerance to
/// land on target within 2 s) and costs +1.9 % BD-rate at 2 s segments where the same split in crf mode costs +1.0 %
/// (docs/benchmarks.md); here rate control lives across the whole file, so quality stays even and bits follow
/// the content as a continuous encode's would.
/// <para>
/// Model: a segment's bits at crf c are C · e^(−k·c) (<see cref="LogBitsPerCrf"/>: six crf steps halve the bits, as
/// x264 and x265 document); C per frame is learnt from the <see cref="RecentSegments"/> finished segments nearest the
/// end (content changes, the next segments look most like the last ones), and before any finished from the bits per
/// pixel asked for (<see cref="InitialCrf"/>). Segments in flight count with their predicted bits.
/// </para>
/// <para>
/// Bits spent cannot be taken back, so every segment carries a VBV cap (capped crf): the segments that start blind,
/// before any finished, at the target itself, the others at <see cref="MaxCorrection"/> times it. A segment that hit
/// its cap says only that it is costlier than its crf predicts; it counts as <see cref="CappedCrfSteps"/> crf steps
/// costlier, so the next segments move up and land uncapped.
/// </para>
/// </summary>
public sealed class SegmentBitrateController
{
    /// <summary>ln(bits) per crf step: +6 crf halves the bits (x264's rule of thumb; 0.10–0.145 measured on the
    /// bench clip between crf 18 and 33).</summary>
    public const double LogBitsPerCrf = 0.1155;

    /// <summary>Bits per pixel and frame of x264 veryfast at crf 23 on the bench clip (2465 kb/s at 1280x720, 30 fps):
    /// only the first segments' guess, which the finished ones correct.</summary>
    public const double BitsPerPixelAtCrf23 = 0.09;

    /// <summary>Finished segments (the latest by index) whose cost predicts the segments still to come.</summary>
    public const int RecentSegments = 2;

    /// <summary>Largest factor the budget per frame of the segments left may fall below the target (about +9.5 crf),
    /// so one bad guess cannot make the last segments unwatchable; also the cap of a segment, as a multiple of the
    /// target, once the model has learnt from a finished one.</summary>
    public const double MaxCorrection = 3;

    /// <summary>Largest factor the budget per frame may rise above the target: spending what is left costs no quality.</summary>
    private const double MaxCatchUp = 10;

    /// <summary>How much costlier than measured a segment that hit its cap is assumed to be, in crf steps.</summary>
    public const double CappedCrfSteps = 4;

    /// <summary>A segment whose bits per frame reach this share of its cap counts as capped.</summary>
    private const double CappedShare = 0.85;

    private readonly Lock _gate = new();
    private readonly ImmutableArray<int> _frames;
    private readonly double _targetBitsPerFrame;
    private readonly double _targetBits;
    private readonly double?[] _crf;
    private readonly long?[] _bits;
    private readonly bool[] _capped;
    private readonly long _bitsPerSecond;

    /// <param name="bitsPerSecond">The file's target (--bitrate).</param>
    /// <param name="info">The source: frame rate and picture size for the first guess.</param>
    /// <param name="plans">Every segment of the file, finished ones included.</param>
    public SegmentBitrateController(long bitsPerSecond, MediaInfo info, ImmutableArray<SegmentPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bitsPerSecond);
        var seconds = info.Duration.TotalSeconds;
        var fps = info.FrameCount > 1 && seconds > 0 ? info.FrameCount / seconds : 30;
        _frames = [.. plans.Select(p => p.FrameCount)];
        _targetBitsPerFrame = bitsPerSecond / fps;
        _targetBits = _targetBitsPerFrame * _frames.Sum();
        _crf = new double?[plans.Length];
        _bits = new long?[plans.Length];
        _capped = new bool[plans.Length];
        _bitsPerSecond = bitsPerSecond;
        var bitsPerPixel = _targetBitsPerFrame / Math.Max(1, (long)info.Width * info.Height);
        InitialCrf = Clamp(23 - (Math.Log(bitsPerPixel / BitsPerPixelAtCrf23) / LogBitsPerCrf));
    }

    /// <summary>The crf the first segments start at: the bits per pixel asked for, on x264's curve of the bench clip.</summary>
    public double InitialCrf { get; }

    /// <summary>A segment finished by an earlier run (resume): its bits are spent, its crf unknown.</summary>
    public void Resumed(int index, long bytes)
    {
        lock (_gate)
        {
            _bits[index] = bytes * 8;
        }
    }

    /// <summary>The crf and cap <paramref name="index"/> starts with now; it counts as in flight at that crf until it
    /// finishes (a second start, after a failure or as a duplicate, replaces the first).</summary>
    public SegmentRate Start(int index)
    {
        lock (_gate)
        {
            var (perFrame, learnt) = ComplexityPerFrame();
            double budget = _targetBits;
            var framesLeft = 0;
            for (var i = 0; i < _frames.Length; i++)
            {
                if (_bits[i] is { } bits)
                {
                    budget -= bits;
                }
                else if (i != index && _crf[i] is { } crf)
                {
                    budget -= Predicted(perFrame, _frames[i], crf);
                }
                else
                {
                    framesLeft += _frames[i];
                }
            }

            var wanted = Math.Clamp(budget / Math.Max(1, framesLeft), _targetBitsPerFrame / MaxCorrection, _targetBitsPerFrame * MaxCatchUp);
            var chosen = Clamp(Math.Log(perFrame / wanted) / LogBitsPerCrf);
            _crf[index] = chosen;
            var cap = learnt ? Math.Max(MaxCorrection, 2 * wanted / _targetBitsPerFrame) * _bitsPerSecond : _bitsPerSecond;
            return new SegmentRate(chosen, (long)cap);
        }
    }

    /// <summary>A segment's validated result: <paramref name="bytes"/> of video at <paramref name="rate"/>. The first
    /// result of a segment counts (the one the store keeps).</summary>
    public void Finished(int index, SegmentRate rate, long bytes)
    {
        lock (_gate)
        {
            if (_bits[index] is null)
            {
                _crf[index] = rate.Crf;
                _bits[index] = bytes * 8;
                _capped[index] = bytes * 8.0 / Math.Max(1, _frames[index]) >= CappedShare * rate.MaxRate / _bitsPerSecond * _targetBitsPerFrame;
            }
        }
    }

    /// <summary>The crf each segment was encoded or is being encoded at (null: not started, or resumed).</summary>
    public ImmutableArray<double?> Crfs()
    {
        lock (_gate)
        {
            return [.. _crf];
        }
    }

    /// <summary>C / frame of the model: from the latest finished segments with a known crf (learnt), else the first guess.</summary>
    private (double PerFrame, bool Learnt) ComplexityPerFrame()
    {
        double cost = 0;
        var frames = 0;
        var used = 0;
        for (var i = _frames.Length - 1; i >= 0 && used < RecentSegments; i--)
        {
            if (_bits[i] is { } bits && _crf[i] is { } crf)
            {
                cost += bits * Math.Exp(LogBitsPerCrf * (crf + (_capped[i] ? CappedCrfSteps : 0)));
                frames += _frames[i];
                used++;
            }
        }

        return frames > 0 ? (cost / frames, true) : (_targetBitsPerFrame * Math.Exp(LogBitsPerCrf * InitialCrf), false);
    }

    private static double Predicted(double perFrame, int frames, double crf) => perFrame * frames * Math.Exp(-LogBitsPerCrf * crf);

    private static double Clamp(double crf) => Math.Clamp(Math.Round(crf, 1), 0, 51);
}

/// <summary>What one segment of a --bitrate job is encoded with: a crf and a VBV cap (bit/s, buffer of one second).</summary>
public readonly record struct SegmentRate(double Crf, long MaxRate);
