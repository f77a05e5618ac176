using System.Net;
using System.Net.Sockets;

namespace Vtr.Integration.Tests.Farm;

/// <summary>
/// A TCP relay on 127.0.0.1 between a client and a node that keeps every byte the client sent: what someone on the LAN
/// would capture. One connection at a time is enough for the tests.
/// </summary>
internal sealed class CapturingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly MemoryStream _fromClient = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public CapturingRelay(IPEndPoint target)
    {
        _target = target;
        _listener.Start();
        _loop = RelayAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Every byte the client sent so far.</summary>
    public byte[] FromClient()
    {
        lock (_fromClient)
        {
            return _fromClient.ToArray();
        }
    }

    private async Task RelayAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            using var server = new TcpClient();
            await server.ConnectAsync(_target, _stop.Token);
            using var pair = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = CopyAsync(client.GetStream(), server.GetStream(), _fromClient, pair.Token);
            var down = CopyAsync(server.GetStream(), client.GetStream(), null, pair.Token);
            await Task.WhenAny(up, down);
            await pair.CancelAsync();
        }
    }

    private static async Task CopyAsync(NetworkStream from, NetworkStream to, MemoryStream? capture, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, ct)) > 0)
            {
                if (capture is not null)
                {
                    lock (capture)
                    {
                        capture.Write(buffer, 0, read);
                    }
                }

                await to.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            to.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away: the relay's job for this pair is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped while accepting: how the loop ends.
        }

        _stop.Dispose();
        _fromClient.Dispose();
    }
}
