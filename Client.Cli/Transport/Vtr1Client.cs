using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Cli.Transport;

/// <summary>
/// The client side of one VTR1 session over TCP, as FFmpeg's remote codecs speak it: HELLO, CONFIGURE, then
/// FRAMEs (or PACKETs) out and PACKETs (or FRAMEs) back, FLUSH, DONE. Sending and receiving may run on two
/// tasks at once (one each); the caller keeps its own in-flight window.
/// </summary>
public sealed class Vtr1Client : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Vtr1PipeReader _reader;
    private readonly Vtr1PipeWriter _writer;
    private readonly PipeReader _input;
    private readonly PlaneView[] _planes = new PlaneView[2];
    private WireCompression _compression;

    private Vtr1Client(Socket socket, Vtr1Limits limits)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 256 * 1024, minimumReadSize: 64 * 1024));
        _reader = new Vtr1PipeReader(_input, limits);
        _writer = new Vtr1PipeWriter(PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024)));
    }

    public static async Task<Vtr1Client> ConnectAsync(EndPoint endPoint, CancellationToken ct, Vtr1Limits? limits = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            SendBufferSize = 4 * 1024 * 1024,
            ReceiveBufferSize = 4 * 1024 * 1024,
        };
        try
        {
            await socket.ConnectAsync(endPoint, ct).ConfigureAwait(false);
            return new Vtr1Client(socket, limits ?? Vtr1Limits.Default);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>HELLO, then HELLO_ACK; a non-OK status becomes <see cref="Vtr1SessionRefusedException"/>.</summary>
    public async Task<HelloAckMessage> HelloAsync(string token, VideoCodec codec, string clientName, CancellationToken ct)
    {
        await _writer.SendAsync(new HelloMessage(token, codec.ToWireName(), clientName, "vtr"), ct).ConfigureAwait(false);
        var reply = await ExpectAsync<HelloAckMessage>(ct).ConfigureAwait(false);
        return reply.Status == HelloStatus.Ok
            ? reply
            : throw new Vtr1SessionRefusedException($"node refused the session: {reply.Status}");
    }

    /// <summary>CONFIGURE, then CONFIGURE_ACK; FRAME planes are packed with the CONFIGURE's wire_compression from here on.</summary>
    public async Task<ConfigureAckMessage> ConfigureAsync(ConfigureMessage configure, CancellationToken ct)
    {
        _compression = configure.Compression;
        _writer.FrameCompression = _compression;
        await _writer.SendAsync(configure, ct).ConfigureAwait(false);
        var reply = await ExpectAsync<ConfigureAckMessage>(ct).ConfigureAwait(false);
        LastConfigureAck = reply;
        return reply.Status == 0
            ? reply
            : throw new Vtr1SessionRefusedException($"node refused CONFIGURE with status {reply.Status}");
    }

    /// <summary>The node's answer to the last CONFIGURE (its avcC/hvcC, warnings).</summary>
    public ConfigureAckMessage? LastConfigureAck { get; private set; }

    public ValueTask SendFrameAsync(long pts, long duration, bool forceKeyframe, PlaneView luma, PlaneView chroma, CancellationToken ct)
    {
        _planes[0] = luma;
        _planes[1] = chroma;
        FrameMessage.Write(_writer.Output, pts, duration, forceKeyframe ? FrameMessage.ForceKeyframeFlag : 0, _planes, _compression);
        return _writer.FlushAsync(ct);
    }

    public ValueTask SendPacketAsync(ReadOnlySpan<byte> annexB, long pts, long dts, long duration, bool keyframe, CancellationToken ct)
    {
        PacketMessage.Write(_writer.Output, pts, dts, duration, keyframe ? PacketMessage.KeyframeFlag : 0, annexB);
        return _writer.FlushAsync(ct);
    }

    public ValueTask SendAsync(IVtr1Message message, CancellationToken ct) => _writer.SendAsync(message, ct);

    /// <summary>Next message from the node (PACKET, FRAME, DONE, ERROR, PING...); null when the node closed.</summary>
    public ValueTask<IVtr1Message?> ReceiveAsync(CancellationToken ct) => _reader.ReadAsync(_compression, ct);

    private async Task<T> ExpectAsync<T>(CancellationToken ct)
        where T : class, IVtr1Message
    {
        var message = await _reader.ReadAsync(_compression, ct).ConfigureAwait(false);
        return message switch
        {
            T expected => expected,
            ErrorMessage error => throw new Vtr1SessionRefusedException($"node error {error.Code}: {error.Message}"),
            null => throw new Vtr1SessionRefusedException("node closed the connection during the handshake"),
            _ => throw new Vtr1SessionRefusedException($"expected {typeof(T).Name}, got {message.Type}"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the node: closing is all that is left.
        }

        await _input.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
