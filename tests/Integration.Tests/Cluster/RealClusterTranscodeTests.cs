using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;
using Vtr.Testing.Cluster;
using Xunit.Abstractions;
using static Vtr.Integration.Tests.Cluster.ClusterMembers;

namespace Vtr.Integration.Tests.Cluster;

/// <summary>
/// `vtr transcode` against a real cluster of separate ActorSystems on 127.0.0.1: seed(s) with the JobCoordinator
/// singleton, three nodes with the libx264 backend (ultrafast) behind real VTR1 listeners, and the client joining as
/// a client-role member; the input is a VFR clip with audio cut into 0.5 s segments, the output checked by
/// <see cref="OutputVerifier"/>. Then the same while a node crashes and while the coordinator's seed leaves.
/// </summary>
[Trait("Category", "Native")]
public sealed class RealClusterTranscodeTests(ClusterClipFixture clip, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit, IClassFixture<ClusterClipFixture>, IAsyncLifetime
{
    private static TimeSpan Bound { get; } = TimeSpan.FromSeconds(60);

    private readonly List<IHost> _seeds = [];
    private readonly List<NodeMember> _nodes = [];
    private readonly ProgressLog _log = new();
    private readonly string _output = Path.Combine(clip.Directory, $"out-{Guid.NewGuid():N}.mp4");

    [BackendFact(GeneratesClips = true)]
    public async Task Seed_and_three_nodes_transcode_a_vfr_clip_with_audio_frame_exactly()
    {
        var seed = await StartSeedsAsync(1);
        await StartNodesAsync(seed);

        var outcome = await TranscodeAsync(clip.Source, seed).WaitAsync(Bound);

        AssertVerified(outcome);
        var shares = outcome.Job.Segments.Values.GroupBy(s => s.NodeId).ToDictionary(g => g.Key, g => g.Sum(s => s.Frames));
        output.WriteLine("frames per node: " + string.Join(", ", shares.Select(s => $"{s.Key}={s.Value}")));
        Assert.True(shares.Count > 1, $"only {string.Join(", ", shares.Keys)} encoded");
        Assert.Equal(outcome.Frames, shares.Values.Sum());
    }

    [BackendFact(GeneratesClips = true)]
    public async Task A_node_killed_mid_job_loses_no_frame()
    {
        var seed = await StartSeedsAsync(1);
        await StartNodesAsync(seed);

        var transcode = TranscodeAsync(clip.Source, seed);
        await _log.FirstSegmentDone.WaitAsync(Bound);
        // The first node to open a VTR1 session from now on is streaming a segment: that is the one to kill.
        var opened = _nodes.Select(n => n.NextSessionOpened()).ToList();
        var victim = _nodes[opened.IndexOf(await Task.WhenAny(opened).WaitAsync(Bound))];
        await victim.KillAsync().WaitAsync(Bound);
        Assert.False(transcode.IsCompleted, "the job finished before the node was killed");
        output.WriteLine($"killed {victim.Id}");

        var outcome = await transcode.WaitAsync(Bound);

        AssertVerified(outcome);
        await AwaitAssertAsync(
            async () => Assert.DoesNotContain((await seed.StatusAsync()).Nodes, n => n.NodeId == victim.Id),
            Bound);
    }

    [BackendFact(GeneratesClips = true)]
    public async Task The_coordinators_host_leaving_mid_job_is_survived()
    {
        var first = await StartSeedsAsync(2);
        var second = _seeds[1];
        using var gate = new EncodingGate();
        await StartNodesAsync(first, gate);
        var oldestSeed = Akka.Cluster.Cluster.Get(first.System()).State.Members
            .Where(m => m.HasRole(ClusterNames.SeedRole))
            .Aggregate((a, b) => a.IsOlderThan(b) ? a : b);
        Assert.Equal(first.Address(), oldestSeed.Address.ToString()); // the singleton's host

        var coordinatorMoved = await CoordinatorStartsOnAsync(second);
        var transcode = TranscodeAsync(clip.Source, first, second);
        await _log.FirstSegmentDone.WaitAsync(Bound);
        // Hold the encoders so the hand-over surely lands mid-job, however fast this machine encodes.
        gate.Close();
        // Graceful leave: CoordinatedShutdown hands the singleton over to the other seed.
        var leaving = first.StopAsync();
        await coordinatorMoved.WaitAsync(Bound);
        var doneAtHandOver = _log.SegmentsDone;
        gate.Open();
        await leaving.WaitAsync(Bound);
        output.WriteLine($"the coordinator restarted on the second seed with {doneAtHandOver} segments done");

        var outcome = await transcode.WaitAsync(Bound);

        AssertVerified(outcome);
        Assert.True(doneAtHandOver < outcome.Job.Segments.Count, "every segment was done before the coordinator moved");
        // Every node is back with the new coordinator: at once when it got the announcement, else at its next
        // periodic re-registration (a pub-sub publish is at-most-once).
        await AwaitAssertAsync(async () => Assert.Equal(3, (await second.StatusAsync()).Nodes.Length), Bound);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_nodes.Select(n => n.StopAsync()).Concat(_seeds.Select(s => s.StopAsync(TimeSpan.FromSeconds(5)))));
        foreach (var seed in _seeds)
        {
            seed.Dispose();
        }

        File.Delete(_output);
    }

    /// <summary>Starts <paramref name="count"/> seed-role members (the first forms the cluster) and returns the first.</summary>
    private async Task<IHost> StartSeedsAsync(int count)
    {
        var first = await StartSeedAsync([]);
        _seeds.Add(first);
        for (var i = 1; i < count; i++)
        {
            _seeds.Add(await StartSeedAsync([first.Address()]));
        }

        await AwaitMembersUpAsync(first, count);
        return first;
    }

    private async Task StartNodesAsync(IHost seed, EncodingGate? gate = null)
    {
        foreach (var name in new[] { "node-a", "node-b", "node-c" })
        {
            _nodes.Add(await StartNodeAsync(seed.Address(), name, gate));
        }

        await AwaitMembersUpAsync(seed, _seeds.Count + _nodes.Count);
        await AwaitAssertAsync(async () => Assert.Equal(_nodes.Count, (await seed.StatusAsync()).Nodes.Length), Bound);
    }

    /// <summary>The real `vtr transcode --seed ...`: joins as a client member, runs the job, assembles, verifies.</summary>
    private async Task<TranscodeOutcome> TranscodeAsync(string source, params IHost[] seeds)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_log),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        var request = new TranscodeRequest(
            source,
            _output,
            [.. seeds.Select(s => s.Address())],
            new SegmentEncodeSettings(VideoCodec.H264, 300_000, null, "", WireCompression.Lz4, TransportChoice.Auto),
            SegmentSeconds: 0.5,
            EmbeddedNodes: 0)
        {
            JoinTimeout = TimeSpan.FromSeconds(30),
        };
        using var timeout = new CancellationTokenSource(Bound);
        var clock = Stopwatch.StartNew();
        try
        {
            var service = new TranscodeService(console, liveProgress: false);
            service.SegmentEvent += _log.Observe;
            return await service.RunAsync(request, timeout.Token);
        }
        finally
        {
            output.WriteLine($"transcode took {clock.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine(_log.ToString());
        }
    }

    private static void AssertVerified(TranscodeOutcome outcome)
    {
        Assert.True(outcome.Report.Passed, outcome.Report.ToString());
        Assert.Contains(outcome.Report.Checks, c => c.Name == "audio #0 copied bit-identical" && c.Passed);
        Assert.Contains(outcome.Report.Checks, c => c.Name == "video pts" && c.Detail.Contains("identical", StringComparison.Ordinal));
        Assert.True(outcome.Job.Segments.Count >= 8, $"{outcome.Job.Segments.Count} segments");
        Assert.Equal(Enumerable.Range(0, outcome.Job.Segments.Count), outcome.Job.Segments.Keys);
    }

    /// <summary>Completes when a JobCoordinator (re)starts and announces itself, as seen from <paramref name="member"/>.</summary>
    private static async Task<Task> CoordinatorStartsOnAsync(IHost member)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var system = member.System();
        var watcher = system.ActorOf(Props.Create(() => new CoordinatorStartWatcher(started)));
        await DistributedPubSub.Get(system).Mediator.Ask<SubscribeAck>(new Subscribe(ClusterNames.CoordinatorTopic, watcher), TimeSpan.FromSeconds(5));
        return started.Task;
    }

    private Task AwaitMembersUpAsync(IHost member, int count) => this.AwaitMembersUpAsync(member, count, Bound);
}

/// <summary>Completes a TaskCompletionSource on the first <see cref="CoordinatorStarted"/> it is published.</summary>
internal sealed class CoordinatorStartWatcher : ReceiveActor
{
    public CoordinatorStartWatcher(TaskCompletionSource started) => Receive<CoordinatorStarted>(_ => started.TrySetResult());
}

/// <summary>
/// The generated source of the test class: 320x180, VFR, AAC audio, a keyframe every 10 frames, 6 s (15 segments
/// of 0.5 s).
/// </summary>
public sealed class ClusterClipFixture : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("vtr-cluster-it-").FullName;

    public string Source => Path.Combine(Directory, "source.mp4");

    public async Task InitializeAsync()
    {
        if (FfmpegFactAttribute.IsAvailable)
        {
            var options = new SampleClipOptions
            {
                Width = 320,
                Height = 180,
                DurationSeconds = 6,
                KeyframeInterval = 10,
                VariableFrameRate = true,
                IncludeAudio = true,
            };
            await SampleClipGenerator.CreateAsync(Source, options, CancellationToken.None);
        }
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
