using System.Globalization;
using Vtr.Cli.Media;
using Vtr.Integration.Tests.ChildProcess;
using Vtr.Integration.Tests.Cluster;
using Xunit.Abstractions;

namespace Vtr.Integration.Tests.Farm;

/// <summary>
/// A crash never spreads: SIGKILL of a node, again and again, leaves the seed and the other node up and members, and the
/// restarted node rejoins; SIGKILL of the only seed mid-job still lets the job finish (the coordinator moves to a node),
/// and the restarted seed rejoins the farm that kept running; in a secured farm, SIGKILL of a node mid-job moves its
/// segments to the other node and the job ends with every frame.
/// </summary>
[Trait("Category", "Native")]
public sealed class MemberCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 8;
    private readonly LocalFarm _farm = new();

    public void Dispose() => _farm.Dispose();

    [BackendFact(GeneratesClips = true)]
    public async Task Killing_a_node_eight_times_never_downs_the_seed_or_the_other_node()
    {
        var (seedAddress, seed, steady) = await StartFarmAsync();
        var crashingPort = LocalFarm.FreePort(10000).ToString(CultureInfo.InvariantCulture);
        string[] crashing = ["node", "--seed", seedAddress, "--listen", "127.0.0.1:" + crashingPort];
        var node = await _farm.StartMemberAsync(crashing);

        for (var round = 1; round <= Rounds; round++)
        {
            await node.SignalAsync("KILL");
            Assert.True(await node.WaitForExitAsync(TimeSpan.FromSeconds(10)));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            node = await _farm.StartMemberAsync(crashing);
            var status = await _farm.WaitForStatusAsync(
                seedAddress, s => s.Healthy("node") == 2 && s.Healthy("seed") == 1, LocalFarm.JoinTimeout, "seed and both nodes up");
            output.WriteLine($"round {round}: rejoined and converged in {clock.Elapsed.TotalSeconds:0.0} s ({status})");
            Assert.False(seed.HasExited, $"the seed exited in round {round}");
            Assert.False(steady.HasExited, $"the other node exited in round {round}");
        }

        var (code, _, error) = await _farm.RunAsync(TimeSpan.FromMinutes(3), "transcode", "--seed", seedAddress);
        Assert.True(code == 0, $"transcode after the crashes exited {code}: {error}");
        foreach (var survivor in new[] { seed, steady })
        {
            Assert.DoesNotContain(survivor.Output, l => l.Contains("this member was removed", StringComparison.Ordinal));
            Assert.Empty(LocalFarm.RawLines(survivor));
        }
    }

    [BackendFact(GeneratesClips = true)]
    public Task Killing_the_only_seed_mid_job_lets_the_job_finish_and_a_restarted_seed_rejoins() => KillSeedMidJobAsync();

    [BackendFact(GeneratesClips = true)]
    public async Task In_a_secured_farm_killing_the_only_seed_mid_job_lets_the_job_finish_and_a_restarted_seed_rejoins()
    {
        await _farm.SecureAsync();
        await KillSeedMidJobAsync();
    }

    [BackendFact(GeneratesClips = true)]
    public async Task In_a_secured_farm_killing_a_node_mid_job_lets_the_job_finish_with_every_frame_on_the_other_node()
    {
        await _farm.SecureAsync();
        var (seedAddress, seed, survivor) = await StartFarmAsync("--max-sessions", "1");
        var victim = await _farm.StartMemberAsync("node", "--seed", seedAddress, "--listen", $"127.0.0.1:{LocalFarm.FreePort(10000)}", "--max-sessions", "1");
        await _farm.WaitForStatusAsync(seedAddress, s => s.Nodes.Count == 2, LocalFarm.JoinTimeout, "both nodes registered");
        var source = Path.Combine(_farm.Folder, "long.mp4");
        var clip = new SampleClipOptions { Width = 640, Height = 360, DurationSeconds = 20 };
        await SampleClipGenerator.CreateAsync(source, clip, CancellationToken.None);
        var frames = (int)(clip.DurationSeconds * clip.FramesPerSecond);

        var job = _farm.Start("transcode", source, "-o", Path.Combine(_farm.Folder, "out.mp4"), "--seed", seedAddress, "--segment-seconds", "1");
        await victim.WaitForLineAsync("session opened", TimeSpan.FromSeconds(120));
        await victim.SignalAsync("KILL");
        Assert.True(await victim.WaitForExitAsync(TimeSpan.FromSeconds(10)));

        var lines = await job.ReadAllLinesAsync(TimeSpan.FromMinutes(4));
        Assert.True(await job.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(job.ExitCode == 0, $"the job exited {job.ExitCode} after a node died: {job.Error}");
        Assert.Contains(lines, l => l.Contains("will be retried", StringComparison.Ordinal));
        // The output is checked against the source by the job itself: every frame, same timestamps.
        Assert.Contains(lines, l => l.Contains($"[pass] video frame count: source {frames}, output {frames}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("wrote ", StringComparison.Ordinal));
        Assert.False(seed.HasExited);
        Assert.False(survivor.HasExited);
        Assert.Empty(LocalFarm.RawLines(survivor));
    }

    private async Task KillSeedMidJobAsync()
    {
        var (seedAddress, seed, first) = await StartFarmAsync("--max-sessions", "1");
        var second = await _farm.StartMemberAsync("node", "--seed", seedAddress, "--listen", $"127.0.0.1:{LocalFarm.FreePort(10000)}", "--max-sessions", "1");
        var source = Path.Combine(_farm.Folder, "long.mp4");
        await SampleClipGenerator.CreateAsync(source, new SampleClipOptions { Width = 640, Height = 360, DurationSeconds = 30 }, CancellationToken.None);

        var job = _farm.Start("transcode", source, "-o", Path.Combine(_farm.Folder, "out.mp4"), "--seed", seedAddress, "--segment-seconds", "1");
        await job.WaitForLineAsync(" done on ", TimeSpan.FromSeconds(120));
        await seed.SignalAsync("KILL");
        Assert.True(await seed.WaitForExitAsync(TimeSpan.FromSeconds(10)));

        var lines = await job.ReadAllLinesAsync(TimeSpan.FromMinutes(3));
        Assert.True(await job.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(job.ExitCode == 0, $"the job exited {job.ExitCode} after the seed died: {job.Error}");
        Assert.Contains(lines, l => l.StartsWith("wrote ", StringComparison.Ordinal));
        Assert.False(first.HasExited);
        Assert.False(second.HasExited);

        var restarted = await _farm.StartMemberAsync(SeedArgs(seedAddress));
        var status = await _farm.WaitForStatusAsync(
            seedAddress, s => s.Healthy("node") == 2 && s.Healthy("seed") == 1 && s.Nodes.Count == 2, LocalFarm.JoinTimeout, "the restarted seed with both nodes");
        output.WriteLine(status.ToString());
        Assert.Contains(restarted.Output, l => l.Contains("looking for the farm", StringComparison.Ordinal));
        Assert.Empty(LocalFarm.RawLines(first));
        Assert.Empty(LocalFarm.RawLines(second));
    }

    private async Task<(string SeedAddress, VtrProcess Seed, VtrProcess Node)> StartFarmAsync(params string[] nodeOptions)
    {
        var port = LocalFarm.FreePort(1);
        var seedAddress = $"127.0.0.1:{port}";
        var seed = await _farm.StartMemberAsync(SeedArgs(seedAddress));
        var node = await _farm.StartMemberAsync(["node", "--seed", seedAddress, "--listen", $"127.0.0.1:{LocalFarm.FreePort(10000)}", .. nodeOptions]);
        return (seedAddress, seed, node);
    }

    private static string[] SeedArgs(string seedAddress) => ["seed", "--host", "127.0.0.1", "--port", seedAddress.Split(':')[1]];
}
