using System.Globalization;
using System.Net;
using Vtr.Integration.Tests.ChildProcess;

namespace Vtr.Integration.Tests.Farm;

/// <summary>
/// A node started as README's one-machine recipe starts it (VTR1 on all interfaces, its seed on 127.0.0.1) binds its
/// cluster port to the address it advertises only. Bound to all interfaces it also answered on the machine's LAN
/// address, where a restarted seed's member book still held the node ports of an earlier LAN run: the seed's search for
/// its old farm reached the new nodes under that name and they never finished joining (reproduced by hand with such a
/// book: no join in 70 s; with this bind they join as soon as the seed is up).
/// </summary>
[Trait("Category", "Native")]
public sealed class ClusterPortBindTests : IDisposable
{
    /// <summary>TCP_LISTEN in /proc/net/tcp's state column.</summary>
    private const string Listening = "0A";

    private static readonly string[] SocketTables = ["/proc/net/tcp", "/proc/net/tcp6"];

    private readonly LocalFarm _farm = new();

    public void Dispose() => _farm.Dispose();

    [BackendFact(ReadsSocketTable = true)]
    public async Task A_node_advertising_loopback_binds_its_cluster_port_to_loopback_and_serves_vtr1_on_every_interface()
    {
        var contact = LocalFarm.FreePort(1).ToString(CultureInfo.InvariantCulture);
        var vtr1 = LocalFarm.FreePort(10000);
        await _farm.StartMemberAsync("seed", "--host", "127.0.0.1", "--port", contact);

        await _farm.StartMemberAsync("node", "--seed", $"127.0.0.1:{contact}", "--listen", $"0.0.0.0:{vtr1}");

        var listening = ListeningSockets();
        Assert.Contains((IPAddress.Any, vtr1), listening);
        Assert.Contains((IPAddress.Loopback, vtr1 + 10000), listening);
        Assert.DoesNotContain((IPAddress.Any, vtr1 + 10000), listening);
    }

    /// <summary>
    /// IPv4 addresses and ports in LISTEN state, from /proc/net/tcp ("0100007F:3A98" is 127.0.0.1:15000, the address in
    /// host order) and from /proc/net/tcp6 for dual-stack sockets (Akka.Remote's): "::ffff:127.0.0.1" is
    /// 0000000000000000FFFF00000100007F there, "::" (every address) all zeros.
    /// </summary>
    private static List<(IPAddress Address, int Port)> ListeningSockets() =>
        [.. SocketTables.Where(File.Exists).SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(columns => columns.Length > 3 && columns[3] == Listening)
            .Select(columns => columns[1].Split(':'))
            .Where(local => local.Length == 2 && Ipv4(local[0]) is not null)
            .Select(local => (Ipv4(local[0])!, int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)))];

    private static IPAddress? Ipv4(string hex) => hex.Length switch
    {
        8 => Parse(hex),
        32 when hex.All(c => c == '0') => IPAddress.Any,
        32 when hex.StartsWith("0000000000000000FFFF0000", StringComparison.OrdinalIgnoreCase) => Parse(hex[24..]),
        _ => null,
    };

    private static IPAddress Parse(string hostOrderHex) =>
        new(uint.Parse(hostOrderHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
