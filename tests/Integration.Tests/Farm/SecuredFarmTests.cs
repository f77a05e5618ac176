using Vtr.Integration.Tests.Cluster;

namespace Vtr.Integration.Tests.Farm;

/// <summary>
/// README's "Securing a farm" recipe with real processes: after `vtr farm init`, the seed, its node and the client use the
/// farm certificate without a flag; a machine with no credentials or another farm's cannot join (through the contact point
/// or straight to Akka.Remote), cannot read the status, cannot submit, and is leased nothing.
/// </summary>
[Trait("Category", "Native")]
public sealed class SecuredFarmTests : IDisposable
{
    private const string Refused = "refused a member without the farm certificate from 127.0.0.1:";
    private const int NotInFarm = 7;
    private readonly LocalFarm _farm = new();

    public void Dispose() => _farm.Dispose();

    [BackendFact(GeneratesClips = true)]
    public async Task A_secured_farm_serves_its_machines_and_refuses_every_other_one()
    {
        await _farm.SecureAsync();
        var otherFarm = _farm.StrangerConfigHome("other-farm");
        await _farm.SecureAsync(otherFarm);
        var stranger = _farm.StrangerConfigHome("stranger");
        var port = LocalFarm.FreePort(1);
        var seedAddress = $"127.0.0.1:{port}";
        var seed = await _farm.StartMemberAsync("seed", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(seed.Output, l => l.Contains("secured farm SHA256:", StringComparison.Ordinal));
        Assert.DoesNotContain(seed.Output, l => l.Contains("farm is open", StringComparison.Ordinal));
        var nodePort = LocalFarm.FreePort(10000);
        var node = await _farm.StartMemberAsync("node", "--seed", seedAddress, "--listen", $"127.0.0.1:{nodePort}");

        // Straight to Akka.Remote with another farm's certificate: the TLS handshake fails, the seed says so.
        var direct = _farm.StartAs(otherFarm, "node", "--seed", $"akka.ssl.tcp://vtr@127.0.0.1:{port + 1}", "--listen", $"127.0.0.1:{LocalFarm.FreePort(10000)}");
        await seed.WaitForLineAsync(Refused, LocalFarm.JoinTimeout);

        // Through the contact point: refused at once, with what to do, and the process ends.
        foreach (var config in new[] { stranger, otherFarm })
        {
            var intruder = _farm.StartAs(config, "node", "--seed", seedAddress, "--listen", $"127.0.0.1:{LocalFarm.FreePort(10000)}");
            Assert.True(await intruder.WaitForExitAsync(LocalFarm.JoinTimeout), "a node without the farm certificate kept running");
            Assert.Equal(NotInFarm, intruder.ExitCode);
            Assert.Contains("farm", intruder.Error, StringComparison.Ordinal);
        }

        var status = await _farm.WaitForStatusAsync(seedAddress, s => s.Nodes.Count == 1, LocalFarm.JoinTimeout, "the farm's node");
        Assert.Equal([$"127.0.0.1:{nodePort}"], status.Nodes);
        Assert.Equal(2, status.Members.Count);
        Assert.False(direct.HasExited, "the direct joiner should still be trying (and failing) to join");

        var (statusCode, statusLines, statusError) = await _farm.RunAsAsync(stranger, TimeSpan.FromSeconds(20), "status", "--seed", seedAddress, "--json");
        Assert.Equal(NotInFarm, statusCode);
        Assert.Empty(statusLines);
        Assert.Contains("secured", statusError, StringComparison.Ordinal);

        var strangerOutput = Path.Combine(_farm.Folder, "stranger.mp4");
        var (refusedCode, _, refusedError) = await _farm.RunAsAsync(stranger, TimeSpan.FromMinutes(1), "transcode", "--seed", seedAddress, "-o", strangerOutput);
        Assert.Equal(NotInFarm, refusedCode);
        Assert.Contains("secured", refusedError, StringComparison.Ordinal);
        Assert.False(File.Exists(strangerOutput));

        var (code, lines, error) = await _farm.RunAsync(TimeSpan.FromMinutes(3), "transcode", "--seed", seedAddress);
        Assert.True(code == 0, $"transcode with the farm certificate exited {code}: {error}");
        Assert.Contains(lines, l => l.StartsWith("wrote vtr-sample.mp4", StringComparison.Ordinal));
        Assert.Contains(node.Output, l => l.Contains("session opened", StringComparison.Ordinal));
        Assert.DoesNotContain(direct.Output, l => l.Contains("joined the cluster", StringComparison.Ordinal) || l.Contains("session opened", StringComparison.Ordinal));
        foreach (var member in new[] { seed, node })
        {
            Assert.Empty(LocalFarm.RawLines(member));
        }
    }
}
