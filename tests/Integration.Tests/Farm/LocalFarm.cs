using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Vtr.Integration.Tests.ChildProcess;
using Vtr.Node.Hosting;

namespace Vtr.Integration.Tests.Farm;

/// <summary>
/// Real `vtr seed` / `vtr node` / `vtr status` / `vtr transcode` processes started from the built CLI, as README's recipes
/// run them, on 127.0.0.1. Every process of the farm shares one private state folder (the seed's member book) and is
/// killed when the farm is disposed.
/// </summary>
internal sealed class LocalFarm : IDisposable
{
    public static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(30);

    private readonly List<VtrProcess> _processes = [];

    public string Folder { get; } = Directory.CreateTempSubdirectory("vtr-farm-it-").FullName;

    private Dictionary<string, string> Environment => new()
    {
        ["XDG_STATE_HOME"] = Path.Combine(Folder, "state"),
        ["XDG_CACHE_HOME"] = Path.Combine(Folder, "cache"),
        ["TMPDIR"] = Directory.CreateDirectory(Path.Combine(Folder, "tmp")).FullName,
    };

    /// <summary>Starts `vtr ARGS` in the farm's folder.</summary>
    public VtrProcess Start(params string[] args)
    {
        var process = VtrProcess.Start(args, Environment, Folder);
        _processes.Add(process);
        return process;
    }

    /// <summary>Starts a whole command line in the farm's folder: what a service file tells its manager to run.</summary>
    public VtrProcess StartCommandLine(IReadOnlyList<string> commandLine)
    {
        var process = VtrProcess.StartCommandLine(commandLine, Environment, Folder);
        _processes.Add(process);
        return process;
    }

    /// <summary>Starts a daemon and waits until it printed that it joined the cluster.</summary>
    public async Task<VtrProcess> StartMemberAsync(params string[] args)
    {
        var member = Start(args);
        await member.WaitForLineAsync("joined the cluster as", JoinTimeout);
        return member;
    }

    /// <summary>Runs a command to its end: exit code, stdout lines, stderr.</summary>
    public async Task<(int Code, List<string> Lines, string Error)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var process = Start(args);
        var lines = await process.ReadAllLinesAsync(timeout);
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"vtr {string.Join(' ', args)} did not exit");
        return (process.ExitCode, lines, process.Error);
    }

    /// <summary>`vtr status --json` through <paramref name="seed"/>.</summary>
    public async Task<FarmStatus> StatusAsync(string seed)
    {
        var (code, lines, error) = await RunAsync(TimeSpan.FromSeconds(20), "status", "--seed", seed, "--json");
        Assert.True(code == 0, $"vtr status exited {code}: {error}");
        return FarmStatus.Parse(string.Join('\n', lines));
    }

    /// <summary>Waits (bounded) until `vtr status` through <paramref name="seed"/> satisfies <paramref name="condition"/>.</summary>
    public async Task<FarmStatus> WaitForStatusAsync(string seed, Func<FarmStatus, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        FarmStatus? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var (code, lines, _) = await RunAsync(TimeSpan.FromSeconds(20), "status", "--seed", seed, "--json");
            if (code == 0)
            {
                last = FarmStatus.Parse(string.Join('\n', lines));
                if (condition(last))
                {
                    return last;
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"status never showed {what} within {timeout}; last: {last}");
    }

    /// <summary>A port nothing listens on, with <paramref name="alsoFreeAt"/> ports after it free too (as the seed's
    /// contact + cluster port, or a node's VTR1 port + 10000).</summary>
    public static int FreePort(params int[] alsoFreeAt)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            if (port < 40000 && alsoFreeAt.All(offset => NodePortPicker.IsFree(IPAddress.Loopback, port + offset)))
            {
                return port;
            }
        }

        throw new InvalidOperationException("no free port pair on 127.0.0.1");
    }

    /// <summary>Lines a person should never see on a daemon's console: raw Akka log lines and stack traces.</summary>
    public static IEnumerable<string> RawLines(VtrProcess process) =>
        process.Output.Where(l => l.StartsWith('[') || l.TrimStart().StartsWith("at ", StringComparison.Ordinal) ||
                                  l.Contains("Exception", StringComparison.Ordinal));

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A process killed a moment ago may still hold a file; the OS temp cleaner gets it.
        }
    }
}

/// <summary>What `vtr status --json` said: members (address, status, reachable) and registered nodes (host:port).</summary>
internal sealed record FarmStatus(
    IReadOnlyList<(string Address, string Status, bool Reachable, string[] Roles)> Members, IReadOnlyList<string> Nodes, int SessionsInUse)
{
    public static FarmStatus Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var members = root.GetProperty("members").EnumerateArray()
            .Select(m => (m.GetProperty("address").GetString()!, m.GetProperty("status").GetString()!, m.GetProperty("reachable").GetBoolean(),
                m.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray()))
            .ToList();
        var nodes = root.GetProperty("nodes").EnumerateArray()
            .Select(n => $"{n.GetProperty("host").GetString()}:{n.GetProperty("port").GetInt32()}")
            .ToList();
        var inUse = root.GetProperty("nodes").EnumerateArray()
            .Sum(n => Math.Max(n.GetProperty("activeLeases").GetInt32(), n.GetProperty("reportedSessionsInUse").GetInt32()));
        return new FarmStatus(members, nodes, inUse);
    }

    /// <summary>Members with <paramref name="role"/> that are Up and reachable.</summary>
    public int Healthy(string role) => Members.Count(m => m.Roles.Contains(role) && m.Status == "Up" && m.Reachable);

    public override string ToString() =>
        $"members [{string.Join(", ", Members.Select(m => $"{m.Address} {m.Status}{(m.Reachable ? "" : " unreachable")}"))}], nodes [{string.Join(", ", Nodes)}]";
}
