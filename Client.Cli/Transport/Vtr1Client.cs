using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Vtr.Shared.Media;
using Vtr.Shared.Security;
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
    private readonly Stream _stream;
    private readonly bool _secured;
    private readonly Vtr1PipeReader _reader;
    private readonly Vtr1PipeWriter _writer;
    private readonly PipeReader _input;
    private readonly PlaneView[] _planes = new PlaneView[2];
    private readonly byte[] _rawHeads = new byte[FrameMessage.RawHeadBytes + FrameMessage.RawPlaneHeadBytes];
    private readonly ArraySegment<byte>[] _gather = new ArraySegment<byte>[4];
    private WireCompression _compression;

    private Vtr1Client(Socket socket, Stream stream, bool secured, Vtr1Limits limits)
    {
        _socket = socket;
        _stream = stream;
        _secured = secured;
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 256 * 1024, minimumReadSize: 64 * 1024));
        _reader = new Vtr1PipeReader(_input, limits);
        _writer = new Vtr1PipeWriter(PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024)));
    }

    /// <summary>
    /// Connects to a node; with <paramref name="farm"/> inside mutual TLS pinned to the farm certificate (a node of another
    /// farm, or an impostor, fails the handshake with <see cref="FarmPeerRefusedException"/>).
    /// </summary>
    public static async Task<Vtr1Client> ConnectAsync(EndPoint endPoint, CancellationToken ct, Vtr1Limits? limits = null, FarmCredentials? farm = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            SendBufferSize = Vtr1SocketBuffers.Bytes,
            ReceiveBufferSize = Vtr1SocketBuffers.Bytes,
        };
        try
        {
            await socket.ConnectAsync(endPoint, ct).ConfigureAwait(false);
            var plain = new NetworkStream(socket, ownsSocket: true);
            Stream stream = farm is null ? plain : await FarmTls.ConnectAsync(plain, farm, ct).ConfigureAwait(false);
            return new Vtr1Client(socket, stream, farm is not null, limits ?? Vtr1Limits.Default);
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

    /// <summary>
    /// One FRAME. Uncompressed planes in arrays go to the socket straight from the caller's memory in one gathered
    /// send (as FFmpeg's client writes them), instead of being copied into the send buffer first: at 1080p that is
    /// a 3 MB copy per frame saved on a machine whose cores the encoder needs. Other frames go through the pipe.
    /// </summary>
    public ValueTask SendFrameAsync(long pts, long duration, bool forceKeyframe, PlaneView luma, PlaneView chroma, CancellationToken ct)
    {
        _planes[0] = luma;
        _planes[1] = chroma;
        var flags = forceKeyframe ? FrameMessage.ForceKeyframeFlag : 0;
        // The gathered send writes to the socket itself; over TLS every byte goes through the encrypting stream.
        if (!_secured && _compression == WireCompression.None && TryGetRawSegment(luma, out var lumaBytes) && TryGetRawSegment(chroma, out var chromaBytes))
        {
            return SendRawFrameAsync(pts, duration, flags, lumaBytes, chromaBytes, ct);
        }

        FrameMessage.Write(_writer.Output, pts, duration, flags, _planes, _compression);
        return _writer.FlushAsync(ct);
    }

    private async ValueTask SendRawFrameAsync(long pts, long duration, uint flags, ArraySegment<byte> luma, ArraySegment<byte> chroma, CancellationToken ct)
    {
        FrameMessage.WriteRawHead(_rawHeads, pts, duration, flags, _planes);
        FrameMessage.WriteRawPlaneHead(_rawHeads.AsSpan(FrameMessage.RawHeadBytes), _planes[1]);
        _gather[0] = new ArraySegment<byte>(_rawHeads, 0, FrameMessage.RawHeadBytes);
        _gather[1] = luma;
        _gather[2] = new ArraySegment<byte>(_rawHeads, FrameMessage.RawHeadBytes, FrameMessage.RawPlaneHeadBytes);
        _gather[3] = chroma;
        var expected = _rawHeads.Length + luma.Count + chroma.Count;
        // Every earlier message was flushed before its send returned, so nothing of the pipe's can interleave.
        // The gathered send takes no token: cancelling closes the socket, as a cancelled pipe flush would leave
        // the stream inside a message anyway (a node that stopped reading would otherwise block it for ever).
        ct.ThrowIfCancellationRequested();
        int sent;
        using (ct.Register(static socket => ((Socket)socket!).Dispose(), _socket))
        {
            try
            {
                sent = await _socket.SendAsync(_gather, SocketFlags.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ct.IsCancellationRequested && ex is ObjectDisposedException or SocketException)
            {
                throw new OperationCanceledException("the FRAME send was cancelled", ex, ct);
            }
        }

        if (sent != expected)
        {
            throw new IOException($"short send of a FRAME: {sent} of {expected} bytes");
        }
    }

    /// <summary>The stride × height bytes of an array-backed plane (what goes on the wire uncompressed).</summary>
    private static bool TryGetRawSegment(PlaneView plane, out ArraySegment<byte> segment)
    {
        segment = default;
        var length = (long)plane.Stride * plane.Height;
        if (plane.Stride < 0 || plane.Height < 0 || length > plane.Data.Length || !MemoryMarshal.TryGetArray(plane.Data, out var whole))
        {
            return false;
        }

        segment = whole.Slice(0, (int)length);
        return true;
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
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already reset by the node, or closed by a cancelled FRAME send: closing is all that is left.
        }

        await _input.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
