using Vtr.Seed.Jobs;
using Vtr.Shared.Cluster;
using static Vtr.Cluster.Seed.Tests.Jobs.TableFixtures;

namespace Vtr.Cluster.Seed.Tests.Jobs;

public sealed class JobTableTests
{
    private readonly ManualClock _clock = new();
    private readonly JobTable _table;

    public JobTableTests() => _table = new JobTable(_clock);

    [Fact]
    public void Assign_leases_one_segment_per_free_session_with_the_node_endpoint()
    {
        _table.RegisterNode(Node("a", sessions: 2));
        _table.AddJob(Job("j", segments: 3));

        var leases = _table.Assign();

        Assert.Equal([0, 1], leases.Select(l => l.SegmentIndex));
        Assert.All(leases, l => Assert.Equal(("a.local", 7000), (l.Host, l.Port)));
        Assert.Empty(_table.Assign());
    }

    [Fact]
    public void A_job_uses_every_idle_node_before_any_node_takes_a_second_segment()
    {
        // The farm bug: three segments on two idle four-session nodes all went to one node.
        _table.RegisterNode(Node("a", sessions: 4));
        _table.RegisterNode(Node("b", sessions: 4));
        _table.AddJob(Job("j", segments: 3));

        // The first lease of each segment (idle slots copy nothing yet: no copy could win so early).
        var originals = _table.Assign().DistinctBy(l => l.SegmentIndex).ToList();

        Assert.Equal(3, originals.Count);
        Assert.Equal([1, 2], originals.GroupBy(l => l.NodeId).Select(g => g.Count()).Order());
    }

    [Fact]
    public void Leases_go_to_the_least_loaded_node_by_share_of_its_sessions()
    {
        _table.RegisterNode(Node("big", sessions: 4) with { SessionsInUse = 2 });
        _table.RegisterNode(Node("small", sessions: 2));
        _table.AddJob(Job("j", segments: 2));

        var originals = _table.Assign().DistinctBy(l => l.SegmentIndex);

        // small is idle (0 of 2) and takes the first; then both are at half and the id breaks the tie.
        Assert.Equal(["small", "big"], originals.Select(l => l.NodeId.Value));
    }

    [Fact]
    public void A_node_registering_with_busy_sessions_is_offered_only_its_free_ones()
    {
        // After a coordinator hand-over a node re-registers while still streaming segments of the old leases.
        _table.RegisterNode(Node("a", sessions: 2) with { SessionsInUse = 1 });
        _table.AddJob(Job("j", segments: 3));

        Assert.Single(_table.Assign());
    }

    [Fact]
    public void Transport_is_Packets_only_when_the_node_decodes_the_source_codec()
    {
        _table.RegisterNode(Node("decoder", decodes: ["hevc"]));
        _table.RegisterNode(Node("plain"));
        _table.AddJob(Job("j", segments: 2, sourceCodec: "hevc"));

        var byNode = _table.Assign().ToDictionary(l => l.NodeId.Value, l => l.Transport);

        Assert.Equal(SegmentTransport.Packets, byNode["decoder"]);
        Assert.Equal(SegmentTransport.Raw, byNode["plain"]);
    }

    [Fact]
    public void A_prores_source_goes_as_packets_to_a_node_announcing_prores_and_raw_to_an_h264_hevc_only_node()
    {
        _table.RegisterNode(Node("linux", decodes: ["h264", "hevc", "prores", "dnxhd"]));
        _table.RegisterNode(Node("mac", decodes: ["h264", "hevc"]));
        _table.AddJob(Job("j", segments: 2, sourceCodec: "prores"));

        var byNode = _table.Assign().ToDictionary(l => l.NodeId.Value, l => l.Transport);

        Assert.Equal(SegmentTransport.Packets, byNode["linux"]);
        Assert.Equal(SegmentTransport.Raw, byNode["mac"]);
    }

    [Fact]
    public void Fastest_node_is_served_first_and_pulls_more_work_as_it_finishes()
    {
        _table.RegisterNode(Node("slow"));
        _table.RegisterNode(Node("fast"));
        _table.UpdateNodeStatus(Speed("slow", 10));
        _table.UpdateNodeStatus(Speed("fast", 100));
        _table.AddJob(Job("j", segments: 4));

        var first = _table.Assign();
        Assert.Equal(["fast", "slow"], first.Select(l => l.NodeId.Value));

        var fastLease = first[0];
        foreach (var expectedSegment in new[] { 2, 3 })
        {
            _table.CompleteSegment(Done(fastLease));
            fastLease = Assert.Single(_table.Assign());
            Assert.Equal(("fast", expectedSegment), (fastLease.NodeId.Value, fastLease.SegmentIndex));
        }

        // Queue empty: the fast node's next free slot backs up the slow node's segment.
        _table.CompleteSegment(Done(fastLease));
        var backup = Assert.Single(_table.Assign());
        Assert.Equal(("fast", first[1].SegmentIndex), (backup.NodeId.Value, backup.SegmentIndex));
    }

    [Fact]
    public void Two_jobs_share_a_node_in_round_robin_order()
    {
        _table.RegisterNode(Node("a", sessions: 4));
        _table.AddJob(Job("first", segments: 4));
        _table.AddJob(Job("second", segments: 4));

        var leases = _table.Assign();

        Assert.Equal(
            ["first/0", "second/0", "first/1", "second/1"],
            leases.Select(l => $"{l.JobId.Value}/{l.SegmentIndex}"));
    }

    [Fact]
    public void Segments_go_only_to_nodes_that_encode_the_job_codec()
    {
        _table.RegisterNode(Node("h264-only", sessions: 2, encodes: ["h264"]));
        _table.RegisterNode(Node("hevc", sessions: 2, encodes: ["H264", "HEVC"]));
        _table.AddJob(Job("j", segments: 2, codec: "hevc"));

        var leases = _table.Assign();

        Assert.Equal(2, leases.Length);
        Assert.All(leases, l => Assert.Equal("hevc", l.NodeId.Value));
    }

    [Fact]
    public void A_job_pinned_to_an_encoder_family_runs_only_on_nodes_of_that_backend()
    {
        _table.RegisterNode(Node("mac", sessions: 2, backend: "videotoolbox"));
        _table.RegisterNode(Node("linux", sessions: 2, backend: "ffmpeg"));
        _table.AddJob(Job("pinned", segments: 4) with { EncoderFamily = "ffmpeg" });

        var leases = _table.Assign();

        Assert.Equal(2, leases.Length); // the Mac's two free sessions stay idle
        Assert.All(leases, l => Assert.Equal("linux", l.NodeId.Value));
    }

    [Fact]
    public void Idle_slot_duplicates_the_slowest_outstanding_segment_and_first_completion_wins()
    {
        _table.RegisterNode(Node("a"));
        _table.RegisterNode(Node("b"));
        _table.UpdateNodeStatus(Speed("a", 100));
        _table.UpdateNodeStatus(Speed("b", 100));
        _table.AddJob(Job("j", segments: 2, frames: 100));
        var original = _table.Assign();
        var onA = original.Single(l => l.NodeId.Value == "a");
        var onB = original.Single(l => l.NodeId.Value == "b");

        _clock.Advance(TimeSpan.FromSeconds(5));
        _table.CompleteSegment(Done(onA));
        var duplicate = Assert.Single(_table.Assign());

        Assert.Equal(("a", onB.SegmentIndex), (duplicate.NodeId.Value, duplicate.SegmentIndex));
        Assert.NotEqual(onB.LeaseId, duplicate.LeaseId);

        var changes = _table.CompleteSegment(Done(duplicate));

        var cancelled = Assert.Single(changes.CancelledLeases);
        Assert.Equal(onB.LeaseId, cancelled.LeaseId);
        // The losing copy's node is told why, so its console says so instead of a session dropped midway.
        Assert.Equal((onB.NodeId, new SegmentCopyLost(onB.JobId, onB.SegmentIndex, onB.LeaseId)), Assert.Single(changes.LostCopies));
        Assert.Equal(new JobCompleted(new JobId("j")), Assert.Single(changes.CompletedJobs));
        Assert.True(_table.CompleteSegment(Done(onB)).IsEmpty);
    }

    [Fact]
    public void A_segment_is_duplicated_at_most_once_and_never_on_its_own_node()
    {
        _table.RegisterNode(Node("a", sessions: 3));
        _table.RegisterNode(Node("b", sessions: 1));
        _table.UpdateNodeStatus(Speed("a", 50));
        _table.UpdateNodeStatus(Speed("b", 10));
        _table.AddJob(Job("j", segments: 1));
        var original = Assert.Single(_table.Assign());
        Assert.Equal("a", original.NodeId.Value);

        // a expected 2 s for the segment and has run 5 s: a straggler, copied once, on b although a has free sessions.
        _clock.Advance(TimeSpan.FromSeconds(5));
        var copy = Assert.Single(_table.Assign());

        Assert.Equal(("b", 0), (copy.NodeId.Value, copy.SegmentIndex));
        Assert.Empty(_table.Assign());
    }

    [Fact]
    public void An_idle_node_copies_a_segment_only_when_it_would_finish_it_first()
    {
        _table.RegisterNode(Node("mac"));
        _table.RegisterNode(Node("linux"));
        _table.RegisterNode(Node("twin"));
        MeasuredThenIdle("mac", 100);
        MeasuredThenIdle("linux", 10);
        MeasuredThenIdle("twin", 100);
        _table.AddJob(Job("j", segments: 3, frames: 100));
        var leases = _table.Assign();
        var onMac = leases.Single(l => l.NodeId.Value == "mac");
        var onTwin = leases.Single(l => l.NodeId.Value == "twin");
        var onLinux = leases.Single(l => l.NodeId.Value == "linux");

        // The mac finishes after 0.9 s. The twin's segment is 0.1 s from done, which the mac cannot beat (1 s); the
        // linux node needs 9.1 s more, which the mac beats: only that one is copied.
        _clock.Advance(TimeSpan.FromSeconds(0.9));
        _table.CompleteSegment(Done(onMac));
        var copy = Assert.Single(_table.Assign());

        Assert.Equal(("mac", onLinux.SegmentIndex), (copy.NodeId.Value, copy.SegmentIndex));
        Assert.NotEqual(onTwin.SegmentIndex, copy.SegmentIndex);
    }

    [Fact]
    public void Nodes_of_one_speed_copy_nothing_while_every_segment_is_on_time()
    {
        _table.RegisterNode(Node("a"));
        _table.RegisterNode(Node("b"));
        MeasuredThenIdle("a", 100);
        MeasuredThenIdle("b", 100);
        _table.AddJob(Job("j", segments: 2, frames: 100));
        var leases = _table.Assign();

        _clock.Advance(TimeSpan.FromSeconds(1.5));
        _table.CompleteSegment(Done(leases[0]));

        // b's copy is 1.5 s into an expected 1 s: late, but not twice late, and a would need a full second for it.
        Assert.Empty(_table.Assign());
        _clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(leases[1].SegmentIndex, Assert.Single(_table.Assign()).SegmentIndex);
    }

    [Fact]
    public void Duplicate_goes_to_the_segment_most_behind_its_expected_time()
    {
        _table.RegisterNode(Node("fast"));
        _table.RegisterNode(Node("slow"));
        _table.RegisterNode(Node("spare"));
        _table.UpdateNodeStatus(Speed("fast", 100));
        _table.UpdateNodeStatus(Speed("slow", 10));
        _table.UpdateNodeStatus(Speed("spare", 1, inUse: 1));
        _table.AddJob(Job("j", segments: 2, frames: 100));
        var leases = _table.Assign();
        _clock.Advance(TimeSpan.FromSeconds(5));

        // "fast" expected 1 s and runs 5 s (5x late); "slow" expected 10 s and runs 5 s (0.5x).
        _table.UpdateNodeStatus(Speed("spare", 1, inUse: 0));
        var duplicate = Assert.Single(_table.Assign());

        Assert.Equal(leases.Single(l => l.NodeId.Value == "fast").SegmentIndex, duplicate.SegmentIndex);
    }

    [Fact]
    public void A_failure_report_is_classified_by_what_it_will_change()
    {
        _table.RegisterNode(Node("a"));
        _table.RegisterNode(Node("b"));
        MeasuredThenIdle("a", 100);
        _table.AddJob(Job("j", segments: 1, frames: 100));
        var original = Assert.Single(_table.Assign());
        _clock.Advance(TimeSpan.FromSeconds(10)); // a straggler: the idle node copies it
        var copy = Assert.Single(_table.Assign());

        Assert.Equal(SegmentFailureKind.OtherCopyRuns, _table.Classify(Failed(copy)));
        _table.FailSegment(Failed(copy));
        Assert.Equal(SegmentFailureKind.Requeued, _table.Classify(Failed(original)));
        _table.CompleteSegment(Done(original));
        Assert.Equal(SegmentFailureKind.LeaseGone, _table.Classify(Failed(original)));
    }

    [Fact]
    public void Failed_lease_requeues_its_segment()
    {
        _table.RegisterNode(Node("a"));
        _table.AddJob(Job("j", segments: 1));
        var lease = Assert.Single(_table.Assign());

        Assert.True(_table.FailSegment(Failed(lease)).IsEmpty);

        var retry = Assert.Single(_table.Assign());
        Assert.Equal(0, retry.SegmentIndex);
        Assert.NotEqual(lease.LeaseId, retry.LeaseId);
    }

    [Fact]
    public void Node_failing_two_segments_of_a_job_is_quarantined_for_that_job_only()
    {
        _table.RegisterNode(Node("bad", sessions: 2));
        _table.RegisterNode(Node("good"));
        _table.UpdateNodeStatus(Speed("bad", 100));
        _table.AddJob(Job("j", segments: 4));
        var leases = _table.Assign();
        var onBad = leases.Where(l => l.NodeId.Value == "bad").ToList();
        Assert.Equal(2, onBad.Count);

        _table.FailSegment(Failed(onBad[0]));
        _table.FailSegment(Failed(onBad[1]));
        var afterQuarantine = _table.Assign();

        Assert.DoesNotContain(afterQuarantine, l => l.NodeId.Value == "bad" && l.JobId.Value == "j");
        _table.AddJob(Job("other", segments: 1));
        Assert.Contains(_table.Assign(), l => l.NodeId.Value == "bad" && l.JobId.Value == "other");
    }

    [Fact]
    public void Removing_a_node_cancels_its_leases_and_requeues_their_segments()
    {
        _table.RegisterNode(Node("doomed"));
        _table.AddJob(Job("j", segments: 1));
        var lease = Assert.Single(_table.Assign());

        var changes = _table.RemoveNode(new NodeId("doomed"));
        _table.RegisterNode(Node("survivor"));

        Assert.Equal(lease.LeaseId, Assert.Single(changes.CancelledLeases).LeaseId);
        var retry = Assert.Single(_table.Assign());
        Assert.Equal(("survivor", 0), (retry.NodeId.Value, retry.SegmentIndex));
    }

    [Fact]
    public void Job_completes_when_every_segment_completes()
    {
        _table.RegisterNode(Node("a", sessions: 2));
        _table.AddJob(Job("j", segments: 2));
        var leases = _table.Assign();

        Assert.True(_table.CompleteSegment(Done(leases[0])).IsEmpty);
        var changes = _table.CompleteSegment(Done(leases[1]));

        Assert.Equal("j", Assert.Single(changes.CompletedJobs).JobId.Value);
        Assert.False(_table.HasJob(new JobId("j")));
    }

    [Fact]
    public void Job_fails_once_a_segment_has_failed_on_every_eligible_node()
    {
        _table.RegisterNode(Node("a"));
        _table.RegisterNode(Node("b"));
        _table.AddJob(Job("j", segments: 1));

        // Each retry goes to a node that has not failed the segment yet, while there is one.
        var first = Assert.Single(_table.Assign());
        Assert.True(_table.FailSegment(Failed(first)).IsEmpty);
        var second = Assert.Single(_table.Assign());
        Assert.NotEqual(first.NodeId, second.NodeId);
        Assert.True(_table.FailSegment(Failed(second)).IsEmpty);
        var third = Assert.Single(_table.Assign());

        var changes = _table.FailSegment(Failed(third, "last straw"));

        var failed = Assert.Single(changes.FailedJobs);
        Assert.Contains("last straw", failed.Reason, StringComparison.Ordinal);
        Assert.False(_table.HasJob(new JobId("j")));
    }

    [Fact]
    public void Job_fails_when_every_capable_node_is_quarantined()
    {
        _table.RegisterNode(Node("only"));
        _table.AddJob(Job("j", segments: 1));

        _table.FailSegment(Failed(_table.Assign()[0]));
        var changes = _table.FailSegment(Failed(_table.Assign()[0]));

        Assert.Contains("no eligible node", Assert.Single(changes.FailedJobs).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resubmitting_a_known_job_changes_nothing()
    {
        _table.AddJob(Job("j", segments: 2));

        Assert.False(_table.AddJob(Job("j", segments: 5)));
        Assert.Equal(2, Assert.Single(_table.Snapshot().Jobs).TotalSegments);
    }

    /// <summary>The node reports <paramref name="fps"/> with one session busy, then goes idle (its speed falls to 0).</summary>
    private void MeasuredThenIdle(string id, double fps)
    {
        _table.UpdateNodeStatus(Speed(id, fps, inUse: 1));
        _table.UpdateNodeStatus(Speed(id, 0));
    }
}
