using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Node.Transport;

/// <summary>
/// One accepted VTR1 socket: a receive pump that turns bytes into messages for its session, and the send
/// side the session writes to. Owns the socket; shutdown is idempotent.
/// </summary>
/// <remarks>
/// Flow control: the receive pump holds a small credit window. Each message it delivers takes one credit and
/// the session returns it with <see cref="ReturnCredit"/> once the message is fully handled (a FRAME: when the
/// encoder has consumed it). A client that sends faster than the encoder runs therefore fills the kernel
/// buffers and is slowed by TCP, never by a growing queue here.
/// </remarks>
public sealed partial class Vtr1Connection : IAsyncDisposable
{
    /// <summary>Messages the pump may deliver ahead of the session; small, so memory stays bounded.</summary>
    public const int CreditWindow = 4;

    /// <summary>1 MiB reads: a 1080p NV12 FRAME (~3 MiB) then takes 3 socket reads instead of 12+.</summary>
    private const int ReadBufferBytes = 1024 * 1024;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly Vtr1PipeReader _messageReader;
    private readonly SemaphoreSlim _credits = new(CreditWindow, CreditWindow);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _closeLock = new();
    private volatile int _compression;
    private volatile bool _discardInput;
    private Task? _receiveLoop;
    private bool _closed;

    /// <param name="socket">The accepted socket; the connection owns it from now on.</param>
    /// <param name="limits">Message size limits, checked before anything is allocated.</param>
    /// <param name="planePool">Where FRAME planes are rented (the shared pool unless a test counts rentals).</param>
    public Vtr1Connection(Socket socket, Vtr1Limits limits, ArrayPool<byte>? planePool = null)
        : this(socket, new NetworkStream(socket, ownsSocket: false), limits, planePool)
    {
    }

    /// <param name="socket">The accepted socket; the connection owns it from now on.</param>
    /// <param name="transport">What VTR1 is read from and written to: the socket's plain stream, or a farm TLS stream over it.</param>
    /// <param name="limits">Message size limits, checked before anything is allocated.</param>
    /// <param name="planePool">Where FRAME planes are rented (the shared pool unless a test counts rentals).</param>
    public Vtr1Connection(Socket socket, Stream transport, Vtr1Limits limits, ArrayPool<byte>? planePool = null)
    {
        _socket = socket;
        SocketTuning.Apply(socket);
        RemoteEndPoint = socket.RemoteEndPoint?.ToString() ?? "unknown";
        _stream = transport;
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: ReadBufferBytes, minimumReadSize: ReadBufferBytes / 4));
        Output = new Vtr1PipeWriter(PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024)));
        _messageReader = new Vtr1PipeReader(_input, limits, directSource: _stream, planePool);
    }

    public string RemoteEndPoint { get; }

    /// <summary>The send side. Only the owning session writes to it, one message at a time.</summary>
    public Vtr1PipeWriter Output { get; }

    /// <summary>How FRAME planes are unpacked; set from CONFIGURE before any FRAME can arrive.</summary>
    public WireCompression InboundCompression
    {
        get => (WireCompression)_compression;
        set => _compression = (int)value;
    }

    /// <summary>Starts the receive pump; every event goes to <paramref name="session"/>.</summary>
    public void Start(IActorRef session) => _receiveLoop = Task.Run(() => ReceiveLoopAsync(session));

    /// <summary>Gives back one credit taken by a delivered message.</summary>
    public void ReturnCredit()
    {
        try
        {
            _credits.Release();
        }
        catch (SemaphoreFullException)
        {
            // A session returning more credits than it took is a bug, but it must not kill the connection.
        }
        catch (ObjectDisposedException)
        {
            // Returned after close: nothing left to read.
        }
    }

    private async Task ReceiveLoopAsync(IActorRef session)
    {
        var token = _shutdown.Token;
        try
        {
            while (true)
            {
                if (!_discardInput)
                {
                    await _credits.WaitAsync(token).ConfigureAwait(false);
                }

                var message = await _messageReader.ReadAsync(InboundCompression, token).ConfigureAwait(false);
                SocketTuning.RequestQuickAck(_socket);
                if (_discardInput)
                {
                    // After DONE/ERROR: read until the client goes away so no RST destroys what we sent. No credits
                    // here: the window is full again, and a release would overflow it and end the drain with a RST.
                    (message as IDisposable)?.Dispose();
                    if (message is null)
                    {
                        return;
                    }

                    continue;
                }

                if (message is null)
                {
                    session.Tell(ConnectionEvents.PeerClosed.Instance);
                    return;
                }

                if (message is ConfigureMessage configure && configure.TryGetCompression(out var compression))
                {
                    // The pump must know the plane packing before the next FRAME is parsed.
                    InboundCompression = compression;
                }

                session.Tell(new ConnectionEvents.MessageReceived(message));
            }
        }
        catch (Vtr1ProtocolException ex)
        {
            session.Tell(new ConnectionEvents.ProtocolViolated(ex.Code, ex.Message));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Closed by us.
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            if (!_discardInput)
            {
                session.Tell(new ConnectionEvents.ConnectionFailed(ex.Message));
            }
        }
        finally
        {
            if (_discardInput)
            {
                Abort();
            }
        }
    }
}
