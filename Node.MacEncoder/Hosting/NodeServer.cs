using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Vtr.Node.Codecs;
using Vtr.Node.Sessions;
using Vtr.Node.Transport;

namespace Vtr.Node.Hosting;

/// <summary>
/// A running VTR1 endpoint inside an ActorSystem: the listener plus the <see cref="EncoderPool"/> that owns the
/// sessions. Used by the hosted `vtr node`, by the embedded cluster of `vtr transcode`, and by tests.
/// </summary>
public sealed class NodeServer : IAsyncDisposable
{
    private readonly Vtr1Listener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    private NodeServer(Vtr1Listener listener, IActorRef pool, SessionPolicy policy, int acceptLimit, ArrayPool<byte>? planePool, ConnectionGate gate)
    {
        _listener = listener;
        Pool = pool;
        var accepted = 0;
        _acceptLoop = listener.AcceptLoopAsync(socket =>
        {
            if (gate.PassesEverything)
            {
                Pool.Tell(new EncoderPoolProtocol.ConnectionAccepted(new Vtr1Connection(socket, policy.Limits, planePool)));
            }
            else
            {
                _ = OpenThroughGateAsync(socket, gate, policy, planePool);
            }

            if (acceptLimit > 0 && ++accepted >= acceptLimit)
            {
                _stop.Cancel();
            }
        }, _stop.Token);
    }

    /// <summary>Peeks and (for a farm client) completes the TLS handshake off the accept loop, then hands the connection over.</summary>
    private async Task OpenThroughGateAsync(Socket socket, ConnectionGate gate, SessionPolicy policy, ArrayPool<byte>? planePool)
    {
        var stream = await gate.OpenAsync(socket, _stop.Token).ConfigureAwait(false);
        if (stream is not null)
        {
            Pool.Tell(new EncoderPoolProtocol.ConnectionAccepted(new Vtr1Connection(socket, stream, policy.Limits, planePool)));
        }
    }

    public IPEndPoint EndPoint => _listener.LocalEndPoint;

    public IActorRef Pool { get; }

    /// <summary>
    /// Binds and starts accepting. <paramref name="acceptLimit"/> &gt; 0 stops accepting after that many (--once);
    /// <paramref name="planePool"/> is where FRAME planes are rented (the shared pool unless a test counts rentals);
    /// <paramref name="gate"/> decides TLS or plain VTR1 per connection (default: plain VTR1 only, as FFmpeg speaks it).
    /// </summary>
    public static NodeServer Start(ActorSystem system, ICodecBackend backend, IPEndPoint listen, SessionPolicy policy,
        int maxSessions, IActorRef? observer = null, int acceptLimit = 0, string poolName = "encoder-pool", ArrayPool<byte>? planePool = null,
        ConnectionGate? gate = null)
    {
        var listener = Vtr1Listener.Bind(listen);
        var pool = system.ActorOf(EncoderPool.Props(backend, policy, maxSessions, observer), poolName);
        return new NodeServer(listener, pool, policy, acceptLimit, planePool, gate ?? new ConnectionGate(farm: null, servePlainVtr1: true));
    }

    /// <summary>The endpoint clients should dial: the bound one, or loopback when bound to any address.</summary>
    public IPEndPoint DialEndPoint =>
        EndPoint.Address.Equals(IPAddress.Any) ? new IPEndPoint(IPAddress.Loopback, EndPoint.Port) : EndPoint;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // The listening socket was closed under a pending accept: that is how the loop ends.
        }

        _stop.Dispose();
    }
}
