using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Microsoft.Extensions.Hosting;
using Vtr.Cli.Jobs;
using Vtr.Shared.Cluster;
using Vtr.Testing.Cluster;
using static Vtr.Client.Cli.Tests.Jobs.ClusterTestHosts;

namespace Vtr.Client.Cli.Tests.Jobs;

/// <summary>
/// Real clusters of separate ActorSystems over loopback TCP: seed(s) running the coordinator singleton,
/// nodes registering through NodeAnnouncer, and a client running TranscodeJobActor with a gated runner.
/// </summary>
public sealed class ClusterEndToEndSpecs : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static TimeSpan Bound { get; } = TimeSpan.FromSeconds(30);

    private readonly List<IHost> _hosts = [];
    private readonly GatedSegmentRunner _runner = new();

    [Fact]
    public async Task Job_completes_across_two_nodes()
    {
        var seed = await Track(StartSeedAsync([]));
        await Track(StartNodeAsync(seed.Address(), NodeInfo("n1", sessions: 2)));
        await Track(StartNodeAsync(seed.Address(), NodeInfo("n2", sessions: 2)));
        var client = await Track(StartClientAsync(seed.Address()));
        await AwaitMembersUpAsync(seed, 4);
        await AwaitNodesRegisteredAsync(client, 2);

        var result = StartJob(client, segments: 6);
        await Task.WhenAll(_runner.FirstRunOn(new NodeId("n1")), _runner.FirstRunOn(new NodeId("n2"))).WaitAsync(Bound);
        _runner.Release();

        var outcome = await result.WaitAsync(Bound);
        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal(Enumerable.Range(0, 6), outcome.Segments.Keys);
    }

    [Fact]
    public async Task Job_completes_on_the_surviving_nodes_when_a_node_crashes_mid_segment()
    {
        var victim = new NodeId("victim");
        _runner.Hang(victim);
        var seed = await Track(StartSeedAsync([]));
        var victimHost = await Track(StartNodeAsync(seed.Address(), NodeInfo(victim.Value, sessions: 1), crashable: true));
        await Track(StartNodeAsync(seed.Address(), NodeInfo("n2", sessions: 1)));
        await Track(StartNodeAsync(seed.Address(), NodeInfo("n3", sessions: 1)));
        var client = await Track(StartClientAsync(seed.Address()));
        await AwaitMembersUpAsync(seed, 5);
        await AwaitNodesRegisteredAsync(client, 3);

        var result = StartJob(client, segments: 6);
        await _runner.FirstRunOn(victim).WaitAsync(Bound);
        await victimHost.System().Terminate().WaitAsync(Bound);
        await AwaitAssertAsync(
            async () => Assert.DoesNotContain((await client.StatusAsync()).Nodes, n => n.NodeId == victim),
            Bound);
        _runner.Release();

        var outcome = await result.WaitAsync(Bound);
        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal(6, outcome.Segments.Count);
        Assert.DoesNotContain(outcome.Segments.Values, s => s.NodeId == victim);
    }

    [Fact]
    public async Task Job_completes_after_the_coordinator_hands_over_to_another_seed()
    {
        var firstSeed = await Track(StartSeedAsync([]));
        var secondSeed = await Track(StartSeedAsync([firstSeed.Address()]));
        await AwaitMembersUpAsync(firstSeed, 2);
        await Track(StartNodeAsync(firstSeed.Address(), NodeInfo("n1", sessions: 2)));
        await Track(StartNodeAsync(firstSeed.Address(), NodeInfo("n2", sessions: 2)));
        var client = await Track(StartClientAsync(firstSeed.Address()));
        await AwaitMembersUpAsync(secondSeed, 5);
        await AwaitNodesRegisteredAsync(client, 2);

        var jobId = new JobId("handed-over");
        var result = StartJob(client, segments: 4, jobId);
        await _runner.FirstRunOn(new NodeId("n1")).WaitAsync(Bound);

        // Graceful leave: CoordinatedShutdown hands the singleton to the other seed-role member.
        await firstSeed.StopAsync().WaitAsync(Bound);
        await AwaitAssertAsync(
            async () =>
            {
                var status = await secondSeed.StatusAsync();
                Assert.Equal(2, status.Nodes.Length);
                Assert.Contains(status.Jobs, j => j.JobId == jobId);
            },
            Bound);
        _runner.Release();

        var outcome = await result.WaitAsync(Bound);
        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal(Enumerable.Range(0, 4), outcome.Segments.Keys);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _runner.Release();
        // Members leave together; each leave is bounded by the host's own shutdown timeout.
        await Task.WhenAll(_hosts.Select(host => host.StopAsync(TimeSpan.FromSeconds(5))));
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    private async Task<IHost> Track(Task<IHost> starting)
    {
        var host = await starting;
        _hosts.Add(host);
        return host;
    }

    private Task<JobResult> StartJob(IHost client, int segments, JobId? jobId = null)
    {
        var job = new SubmitJob(
            jobId ?? JobId.New("e2e"), "test-client", "h264", "h264",
            Enumerable.Range(0, segments).Select(i => new SegmentSpec(i, i * 3000L, (i + 1) * 3000L, 30)).ToImmutableArray());
        var completion = new TaskCompletionSource<JobResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var system = client.System();
        system.ActorOf(TranscodeJobActor.Props(
            job, client.Coordinator(), DistributedPubSub.Get(system).Mediator, _runner, ActorRefs.Nobody, completion));
        return completion.Task;
    }

    private Task AwaitMembersUpAsync(IHost member, int count) => this.AwaitMembersUpAsync(member, count, Bound);

    private Task AwaitNodesRegisteredAsync(IHost member, int count) => this.AwaitNodesRegisteredAsync(member, count, Bound);
}
