using System.Collections.Immutable;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Media;

/// <summary>
/// The default segment length, sized for the cluster at submit time (`--segment-seconds` overrides it): at least
/// <see cref="SegmentsPerFreeSession"/> segments per free encoder session, so the last segments form a short tail on
/// a large cluster and a short clip still spreads, never shorter than one GOP of the source (the planner only cuts at
/// keyframes) and never longer than <see cref="MaxSeconds"/>. A file that rule would cut shorter than its rate mode
/// compresses well at gets fewer, longer segments instead (<see cref="FlooredSegmentCount"/>).
/// <para>
/// The trade-off lives here: each segment starts with an IDR and a fresh rate control, so more, shorter segments
/// cost compression efficiency (BD-rate; see docs/benchmarks.md, "Split cost") while fewer, longer ones leave cores
/// idle at the end of a job. Tune the constants, not the callers.
/// </para>
/// </summary>
public static class SegmentSizing
{
    /// <summary>Segments per free session: with n ≥ 4 segments per session the idle tail is at most ~1/4 of a session's share.</summary>
    public const int SegmentsPerFreeSession = 4;

    /// <summary>The count rule's longest segment: a long input still gives resume, progress and a late-joining node fine-grained work,
    /// and at 25–60 fps an IDR every 10 s costs about what x264's own keyint (250) costs. A floored count may cut a short
    /// file longer (one 15 s `--bitrate` segment per session rather than two of 7.5 s that need a pre-roll).</summary>
    public const double MaxSeconds = 10;

    /// <summary>
    /// The shortest default segment in bitrate mode. Each segment is its own ABR encode, and its split cost grows fast
    /// below this even with pre-roll (`vtr bench quality --mode bitrate`: +0.69 % at 5 s, +2.26 % at 3 s, +7.36 % at
    /// 1 s; docs/benchmarks.md), so a short file on a big cluster leaves sessions idle rather than cut finer. Segments
    /// of <see cref="SegmentPreRoll.NeededBelowSeconds"/> or more are preferred: they need no pre-roll.
    /// </summary>
    public const double BitrateMinSeconds = 5;

    /// <summary>
    /// The shortest default segment in crf and quality modes (and with no rate option), whose split costs only its IDRs:
    /// +0.18 % at 5 s, +0.47 % at 3.75 s, +2.62 % at 1.25 s (`vtr bench quality --mode crf`). Segments of
    /// <see cref="QualityPreferredSeconds"/> or more are preferred; 2 s still lets a 4 s clip spread over two nodes.
    /// </summary>
    public const double QualityMinSeconds = 2;

    /// <summary>The crf/quality segment length taken when the file allows (the bench measured +0.47 % at 3.75 s).</summary>
    public const double QualityPreferredSeconds = 3;

    /// <summary>Each retry shortens the target by this factor until the count is reached or only whole GOPs are left.</summary>
    private const double ShrinkFactor = 0.8;
    private const int MaxShrinkSteps = 30;

    /// <summary>How many segments the rule asks for: <see cref="SegmentsPerFreeSession"/> per free session (at least one session).</summary>
    public static int WantedSegments(int freeSessions) => SegmentsPerFreeSession * Math.Max(1, freeSessions);

    /// <summary>
    /// The plan for <paramref name="info"/> on a cluster with <paramref name="freeSessions"/> free sessions, and the
    /// segment length that produced it (record it: planning again with it gives the same segments).
    /// <paramref name="bitrateMode"/> (a `--bitrate` job) keeps segments long enough for per-segment ABR.
    /// </summary>
    public static (double SegmentSeconds, ImmutableArray<SegmentPlan> Plans) PlanForCluster(MediaInfo info, int freeSessions, bool bitrateMode)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (CountRuleSeconds(info, freeSessions) < Floor(bitrateMode).Preferred)
        {
            var duration = Duration(info);
            var seconds = duration / FlooredSegmentCount(duration, freeSessions, bitrateMode);
            return (seconds, SegmentPlanner.Plan(info, seconds));
        }

        return PlanByCount(info, freeSessions);
    }

    /// <summary>The count rule alone: <see cref="WantedSegments"/> segments of at most <see cref="MaxSeconds"/>, as many
    /// as the GOPs allow, however short (`vtr bench cluster` measures scaling with it).</summary>
    public static (double SegmentSeconds, ImmutableArray<SegmentPlan> Plans) PlanByCount(MediaInfo info, int freeSessions)
    {
        ArgumentNullException.ThrowIfNull(info);
        var wanted = WantedSegments(freeSessions);
        var seconds = CountRuleSeconds(info, freeSessions);
        var plans = SegmentPlanner.Plan(info, seconds);
        // The planner cuts at the keyframe nearest each target, which can round the count down: aim shorter until the
        // count is reached or a shorter aim no longer adds a segment because every GOP already is one.
        for (var step = 0; step < MaxShrinkSteps && plans.Length < wanted && plans.Length < KeyframeCount(info); step++)
        {
            seconds *= ShrinkFactor;
            plans = SegmentPlanner.Plan(info, seconds);
        }

        return (seconds, plans);
    }

    /// <summary>
    /// How many segments a file of <paramref name="seconds"/> gets when the count rule would cut it shorter than its
    /// mode's preferred length: a multiple of the free sessions, so equal sessions finish together — the largest whose
    /// segments reach the preferred length (in bitrate mode: need no pre-roll, which costs 15 % more encoding), else
    /// the largest that reach the minimum; else as many minimum-length segments as fit, fewer than the sessions.
    /// </summary>
    public static int FlooredSegmentCount(double seconds, int freeSessions, bool bitrateMode)
    {
        var sessions = Math.Max(1, freeSessions);
        var (preferred, minimum) = Floor(bitrateMode);
        foreach (var shortest in (ReadOnlySpan<double>)[preferred, minimum])
        {
            for (var perSession = SegmentsPerFreeSession; perSession >= 1; perSession--)
            {
                if (seconds / (perSession * sessions) >= shortest)
                {
                    return perSession * sessions;
                }
            }
        }

        return Math.Max(1, (int)(seconds / minimum));
    }

    /// <summary>The count rule's first aim: the file over <see cref="WantedSegments"/>, at most <see cref="MaxSeconds"/>.</summary>
    private static double CountRuleSeconds(MediaInfo info, int freeSessions) =>
        Math.Min(MaxSeconds, Duration(info) / WantedSegments(freeSessions));

    private static double Duration(MediaInfo info) => Math.Max(info.Duration.TotalSeconds, 1e-3);

    private static (double Preferred, double Minimum) Floor(bool bitrateMode) => bitrateMode
        ? (SegmentPreRoll.NeededBelowSeconds, BitrateMinSeconds)
        : (QualityPreferredSeconds, QualityMinSeconds);

    /// <summary>Sessions not in use on the reachable nodes that encode <paramref name="codec"/> (wire name), as the coordinator
    /// sees them: an unreachable node (crashed, not yet dropped) gets no lease, so its sessions would only shorten segments.</summary>
    public static int FreeSessions(ClusterStatus status, string codec)
    {
        ArgumentNullException.ThrowIfNull(status);
        var free = 0;
        foreach (var node in status.Nodes)
        {
            if (node.EncodeCodecs.Contains(codec) && !node.IsUnreachable)
            {
                free += Math.Max(0, node.MaxSessions - Math.Max(node.ActiveLeases, node.ReportedSessionsInUse));
            }
        }

        return free;
    }

    private static int KeyframeCount(MediaInfo info)
    {
        var count = 0;
        foreach (var packet in info.VideoPackets)
        {
            count += packet.IsKeyframe ? 1 : 0;
        }

        return Math.Max(1, count);
    }
}
