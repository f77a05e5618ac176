using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Vtr.Integration.Tests.ChildProcess;
using Vtr.Node.Hosting;

namespace Vtr.Integration.Tests.Farm;

/// <summary>
/// Real `vtr seed` / `vtr node` / `vtr status` / `vtr transcode` processes started from the built CLI, as README's recipes
/// run them, on 127.0.0.1. Every process of the farm shares one private state folder (the seed's member book) and one
/// private config folder (farm credentials: none unless <see cref="SecureAsync"/>, never the developer's own), and is
/// killed when the farm is disposed.
/// </summary>
internal sealed class LocalFarm : IDisposable
{
    public static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(30);

    private readonly List<VtrProcess> _processes = [];

    public string Folder { get; } = Directory.CreateTempSubdirectory("vtr-farm-it-").FullName;

    /// <summary>$XDG_CONFIG_HOME of the farm's processes: where `vtr farm init` puts the farm credentials.</summary>
    public string ConfigHome => Path.Combine(Folder, "config");

    private Dictionary<string, string> Environment => EnvironmentWith(ConfigHome);

    private Dictionary<string, string> EnvironmentWith(string configHome) => new()
    {
        ["XDG_STATE_HOME"] = Path.Combine(Folder, "state"),
        ["XDG_CACHE_HOME"] = Path.Combine(Folder, "cache"),
        ["XDG_CONFIG_HOME"] = configHome,
        ["TMPDIR"] = Directory.CreateDirectory(Path.Combine(Folder, "tmp")).FullName,
    };

    /// <summary>Starts `vtr ARGS` in the farm's folder.</summary>
    public VtrProcess Start(params string[] args) => StartAs(ConfigHome, args);

    /// <summary>Starts `vtr ARGS` as another machine would: with the credentials (or none) in <paramref name="configHome"/>.</summary>
    public VtrProcess StartAs(string configHome, params string[] args)
    {
        var process = VtrProcess.Start(args, EnvironmentWith(configHome), Folder);
        _processes.Add(process);
        return process;
    }

    /// <summary>Secures the farm: `vtr farm init` in <see cref="ConfigHome"/> (or in <paramref name="configHome"/>: another farm).</summary>
    public async Task SecureAsync(string? configHome = null)
    {
        var init = StartAs(configHome ?? ConfigHome, "farm", "init");
        await init.ReadAllLinesAsync(TimeSpan.FromSeconds(60));
        Assert.True(await init.WaitForExitAsync(TimeSpan.FromSeconds(30)) && init.ExitCode == 0, $"vtr farm init failed: {init.Error}");
    }

    /// <summary>A config folder of another machine, with no farm credentials in it.</summary>
    public string StrangerConfigHome(string name) => Directory.CreateDirectory(Path.Combine(Folder, "config-" + name)).FullName;

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
    public Task<(int Code, List<string> Lines, string Error)> RunAsync(TimeSpan timeout, params string[] args) => RunAsAsync(ConfigHome, timeout, args);

    /// <summary>Runs a command to its end as another machine (<see cref="StartAs"/>).</summary>
    public async Task<(int Code, List<string> Lines, string Error)> RunAsAsync(string configHome, TimeSpan timeout, params string[] args)
    {
        var process = StartAs(configHome, args);
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
