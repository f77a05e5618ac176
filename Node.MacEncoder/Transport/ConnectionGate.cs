using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Vtr.Shared.Security;

namespace Vtr.Node.Transport;

/// <summary>
/// Decides what an accepted socket speaks, on the node's one VTR1 port: a farm client starts a TLS handshake (first byte
/// 0x16), an unmodified FFmpeg starts VTR1 (first byte 'V' of its magic). The first byte is peeked, never consumed, so
/// plain VTR1 reaches the session byte for byte as before. Farm connections get mutual TLS pinned to the farm certificate;
/// plain VTR1 is served unless the node was told to serve the farm only (<c>--vtr1-listen off</c>).
/// </summary>
public sealed partial class ConnectionGate(FarmCredentials? farm, bool servePlainVtr1, ILogger? logger = null)
{
    /// <summary>How long a connection may take to send its first byte and finish a TLS handshake.</summary>
    public static readonly TimeSpan OpeningTimeout = TimeSpan.FromSeconds(10);

    /// <summary>True when every connection is plain VTR1 handed over at once (an open farm serving FFmpeg): nothing to peek.</summary>
    public bool PassesEverything => farm is null && servePlainVtr1;

    /// <summary>
    /// The stream to serve <paramref name="socket"/> on: a TLS stream for a farm client, a plain one for VTR1, or null
    /// when the connection is refused (the socket is then closed). Never throws.
    /// </summary>
    public async Task<Stream?> OpenAsync(Socket socket, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var remote = socket.RemoteEndPoint?.ToString() ?? "unknown";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(OpeningTimeout);
        try
        {
            var first = new byte[1];
            var peeked = await socket.ReceiveAsync(first, SocketFlags.Peek, deadline.Token).ConfigureAwait(false);
            var plain = new NetworkStream(socket, ownsSocket: false);
            if (peeked == 1 && first[0] == FarmTls.HandshakeRecord && farm is not null)
            {
                return await FarmTls.AcceptAsync(plain, farm, deadline.Token).ConfigureAwait(false);
            }

            if (servePlainVtr1)
            {
                return plain;
            }

            if (logger is not null)
            {
                LogPlainRefused(logger, remote);
            }
        }
        catch (FarmPeerRefusedException)
        {
            if (logger is not null)
            {
                LogRefused(logger, remote);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException or OperationCanceledException or ObjectDisposedException)
        {
            // A peer that vanished, stalled or broke its handshake: nothing to serve, nobody else affected.
        }

        socket.Dispose();
        return null;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "refused a client without the farm certificate from {RemoteEndPoint}")]
    private static partial void LogRefused(ILogger logger, string remoteEndPoint);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "refused a plain VTR1 connection from {RemoteEndPoint}: this node serves the farm only (--vtr1-listen off)")]
    private static partial void LogPlainRefused(ILogger logger, string remoteEndPoint);
}
