using System.Net;
using System.Net.Sockets;

namespace Vtr.Node.Transport;

/// <summary>The accept loop: binds an IPv4 endpoint and hands every accepted socket to a callback.</summary>
public sealed class Vtr1Listener : IDisposable
{
    /// <summary>The original server's listen backlog is 8; a farm node sees a few more at job start.</summary>
    private const int Backlog = 64;

    private readonly Socket _socket;

    private Vtr1Listener(Socket socket)
    {
        _socket = socket;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!; // bound just above: never null
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>
    /// Binds exclusively; port 0 picks a free port (tests). .NET on Unix already sets SO_REUSEADDR on every socket (a
    /// restarted node rebinds over TIME_WAIT), and asking for ReuseAddress explicitly would add SO_REUSEPORT, which let
    /// two nodes share one port and split its connections between them.
    /// </summary>
    public static Vtr1Listener Bind(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endPoint);
            socket.Listen(Backlog);
            return new Vtr1Listener(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Accepts until cancelled; <paramref name="onAccepted"/> takes ownership of each socket.</summary>
    public async Task AcceptLoopAsync(Action<Socket> onAccepted, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                // The client gave up before we accepted it; keep serving the others.
                continue;
            }

            onAccepted(accepted);
        }
    }

    public void Dispose() => _socket.Dispose();
}
