using System.Collections.Immutable;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Media;

/// <summary>
/// The default segment length, sized for the cluster at submit time (`--segment-seconds` overrides it): at least
/// <see cref="SegmentsPerFreeSession"/> segments per free encoder session, so the last segments form a short tail on
/// a large cluster and a short clip still spreads, never shorter than one GOP of the source (the planner only cuts at
/// keyframes) and never longer than <see cref="MaxSeconds"/>.
/// <para>
/// The trade-off lives here: each segment starts with an IDR and a fresh rate control, so more, shorter segments
/// cost compression efficiency (BD-rate; see docs/benchmarks.md, "Split cost") while fewer, longer ones leave cores
/// idle at the end of a job. Tune the two constants, not the callers.
/// </para>
/// </summary>
public static class SegmentSizing
{
    /// <summary>Segments per free session: with n ≥ 4 segments per session the idle tail is at most ~1/4 of a session's share.</summary>
    public const int SegmentsPerFreeSession = 4;

    /// <summary>The longest default segment: a long input still gives resume, progress and a late-joining node fine-grained work,
    /// and at 25–60 fps an IDR every 10 s costs about what x264's own keyint (250) costs.</summary>
    public const double MaxSeconds = 10;

    /// <summary>Each retry shortens the target by this factor until the count is reached or only whole GOPs are left.</summary>
    private const double ShrinkFactor = 0.8;
    private const int MaxShrinkSteps = 30;

    /// <summary>How many segments the rule asks for: <see cref="SegmentsPerFreeSession"/> per free session (at least one session).</summary>
    public static int WantedSegments(int freeSessions) => SegmentsPerFreeSession * Math.Max(1, freeSessions);

    /// <summary>
    /// The plan for <paramref name="info"/> on a cluster with <paramref name="freeSessions"/> free sessions, and the
    /// segment length that produced it (record it: planning again with it gives the same segments).
    /// </summary>
    public static (double SegmentSeconds, ImmutableArray<SegmentPlan> Plans) PlanForCluster(MediaInfo info, int freeSessions)
    {
        ArgumentNullException.ThrowIfNull(info);
        var wanted = WantedSegments(freeSessions);
        var duration = Math.Max(info.Duration.TotalSeconds, 1e-3);
        var seconds = Math.Min(MaxSeconds, duration / wanted);
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
