using System.Diagnostics;
using System.Globalization;
using Vtr.Cli.Commands;
using Vtr.Cli.Media;
using Vtr.Integration.Tests.Cluster;

namespace Vtr.Integration.Tests.Farm;

/// <summary>
/// Ctrl-C on `vtr transcode --seed` while a farm encodes its segments: the client exits 130 within 2 s with no temp
/// output, and the farm lets go of its work — the node's sessions and the coordinator's leases drop back to zero.
/// </summary>
[Trait("Category", "Native")]
public sealed class InterruptedClientTests : IDisposable
{
    private readonly LocalFarm _farm = new();

    public void Dispose() => _farm.Dispose();

    [BackendFact(GeneratesClips = true)]
    public async Task Ctrl_C_on_a_farm_client_exits_130_and_frees_the_nodes_sessions()
    {
        var port = LocalFarm.FreePort(1).ToString(CultureInfo.InvariantCulture);
        var seed = $"127.0.0.1:{port}";
        await _farm.StartMemberAsync("seed", "--host", "127.0.0.1", "--port", port);
        await _farm.StartMemberAsync("node", "--seed", seed, "--listen", $"127.0.0.1:{LocalFarm.FreePort(10000)}", "--max-sessions", "2");
        var source = Path.Combine(_farm.Folder, "long.mp4");
        await SampleClipGenerator.CreateAsync(source, new SampleClipOptions { Width = 640, Height = 360, DurationSeconds = 30 }, CancellationToken.None);
        var outputs = Directory.CreateDirectory(Path.Combine(_farm.Folder, "out")).FullName;

        var client = _farm.Start("transcode", source, "-o", Path.Combine(outputs, "out.mp4"), "--seed", seed, "--segment-seconds", "1", "--no-resume");
        await client.WaitForLineAsync(" done on ", TimeSpan.FromSeconds(120));
        var clock = Stopwatch.StartNew();
        await client.SignalAsync("INT");

        Assert.True(await client.WaitForExitAsync(TimeSpan.FromSeconds(2)), $"still running 2 s after Ctrl-C; stderr: {client.Error}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal((int)ExitCode.Interrupted, client.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(outputs));
        await _farm.WaitForStatusAsync(seed, s => s.Nodes.Count == 1 && s.SessionsInUse == 0, TimeSpan.FromSeconds(30), "the node's sessions and leases freed");
    }
}
