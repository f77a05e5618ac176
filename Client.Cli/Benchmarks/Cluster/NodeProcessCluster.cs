using System.Globalization;
using System.Net;
using Vtr.Node.Hosting;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>
/// `vtr bench cluster --processes`: a real `vtr seed` and k `vtr node` processes on 127.0.0.1, each node with one session
/// and one codec thread, on free ports (never the defaults, so benchmarks and farms can run side by side), with a
/// private state folder. With pinning, node i runs on core i mod cores (taskset).
/// </summary>
internal sealed class NodeProcessCluster : IDisposable
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);
    private readonly List<BenchProcess> _processes = [];
    private readonly string _state = Directory.CreateTempSubdirectory("vtr-bench-state-").FullName;

    private NodeProcessCluster(string seed)
    {
        Seed = seed;
    }

    /// <summary>HOST:PORT of the seed's contact point, for the client's --seed.</summary>
    public string Seed { get; }

    public static async Task<NodeProcessCluster> StartAsync(int nodes, bool pin, string preset, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var seedPort = FreePort(1);
        var cluster = new NodeProcessCluster($"127.0.0.1:{seedPort}");
        try
        {
            var environment = new Dictionary<string, string> { ["XDG_STATE_HOME"] = cluster._state };
            var seed = cluster.Add(BenchProcess.Start(["seed", "--host", "127.0.0.1", "--port", seedPort.ToString(inv)], environment, null));
            await seed.WaitJoinedAsync(JoinTimeout, ct).ConfigureAwait(false);
            var joins = new List<Task>(nodes);
            for (var i = 0; i < nodes; i++)
            {
                var port = FreePort(NodePortPicker.ClusterPortOffset);
                var node = cluster.Add(BenchProcess.Start(
                    ["node", "--seed", cluster.Seed, "--listen", $"127.0.0.1:{port}", "--max-sessions", "1",
                     "--codec-threads", ClusterTranscodeRun.NodeThreads.ToString(inv), "--sw-preset", preset, "--backend", "ffmpeg"],
                    environment,
                    pin ? i % Environment.ProcessorCount : null));
                joins.Add(node.WaitJoinedAsync(JoinTimeout, ct));
            }

            await Task.WhenAll(joins).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            process.Dispose();
        }

        try
        {
            Directory.Delete(_state, recursive: true);
        }
        catch (IOException)
        {
            // A daemon killed a moment ago may still hold its member book; the OS temp cleaner gets it.
        }
    }

    private BenchProcess Add(BenchProcess process)
    {
        _processes.Add(process);
        return process;
    }

    /// <summary>A loopback port that is free, with the port <paramref name="offset"/> above it free too (the daemons'
    /// second port), below the kernel's ephemeral range so an outgoing connection does not take it meanwhile.</summary>
    private static int FreePort(int offset)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 30_000);
            if (NodePortPicker.IsFree(IPAddress.Loopback, port) && NodePortPicker.IsFree(IPAddress.Loopback, port + offset))
            {
                return port;
            }
        }

        throw new InvalidOperationException("no free port pair on 127.0.0.1");
    }
}
