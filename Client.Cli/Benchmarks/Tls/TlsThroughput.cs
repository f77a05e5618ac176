using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Vtr.Shared.Security;

namespace Vtr.Cli.Benchmarks.Tls;

/// <summary>One measured transfer: bytes, wall time and the CPU time this process spent (sender and receiver both run here).</summary>
internal sealed record TlsTransfer(string Mode, int MessageBytes, long Bytes, TimeSpan Wall, TimeSpan Cpu)
{
    public double MegabytesPerSecond => Bytes / 1e6 / Wall.TotalSeconds;

    /// <summary>CPU milliseconds per megabyte moved: encrypt + decrypt + copies, both ends.</summary>
    public double CpuMsPerMegabyte => Cpu.TotalMilliseconds / (Bytes / 1e6);

    public static TlsTransfer Fastest(TlsTransfer? best, TlsTransfer run) => best is null || run.Cpu < best.Cpu ? run : best;
}

/// <summary>
/// Pushes segment-sized VTR1 messages through a loopback TCP connection as plain bytes and inside farm TLS
/// (<see cref="FarmTls"/>, what a secured farm's segments use), and times new farm TLS handshakes (one per segment).
/// </summary>
internal static class TlsThroughput
{
    public static async Task<TlsTransfer> TransferAsync(FarmCredentials? farm, int messageBytes, long totalBytes, CancellationToken ct)
    {
        var (client, server) = await ConnectAsync(farm, ct).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        await using (server.ConfigureAwait(false))
        {
            var message = new byte[messageBytes];
            Random.Shared.NextBytes(message);
            var count = Math.Max(1, totalBytes / messageBytes);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var receiving = DrainAsync(server, count * messageBytes, ct);
            for (var i = 0; i < count; i++)
            {
                await client.WriteAsync(message, ct).ConfigureAwait(false);
            }

            await client.FlushAsync(ct).ConfigureAwait(false);
            await receiving.ConfigureAwait(false);
            return new TlsTransfer(farm is null ? "plain TCP" : "farm TLS", messageBytes, count * messageBytes, clock.Elapsed,
                Process.GetCurrentProcess().TotalProcessorTime - cpu);
        }
    }

    /// <summary>Average wall time of a new connection with a farm TLS handshake (what every segment pays once).</summary>
    public static async Task<TimeSpan> HandshakeAsync(FarmCredentials farm, int count, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var (client, server) = await ConnectAsync(farm, ct).ConfigureAwait(false);
            await client.DisposeAsync().ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }

        return clock.Elapsed / count;
    }

    private static async Task<(Stream Client, Stream Server)> ConnectAsync(FarmCredentials? farm, CancellationToken ct)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync((IPEndPoint)listener.LocalEndpoint, ct).ConfigureAwait(false);
        var accepted = await listener.AcceptSocketAsync(ct).ConfigureAwait(false);
        Stream client = new NetworkStream(socket, ownsSocket: true);
        Stream server = new NetworkStream(accepted, ownsSocket: true);
        if (farm is null)
        {
            return (client, server);
        }

        var serverTls = FarmTls.AcceptAsync(server, farm, ct);
        var clientTls = await FarmTls.ConnectAsync(client, farm, ct).ConfigureAwait(false);
        return (clientTls, await serverTls.ConfigureAwait(false));
    }

    private static async Task DrainAsync(Stream stream, long bytes, CancellationToken ct)
    {
        var buffer = new byte[1024 * 1024];
        var left = bytes;
        while (left > 0)
        {
            var read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException($"the connection closed with {left} bytes still to come");
            }

            left -= read;
        }
    }
}
