using System.Net.Sockets;

namespace Vtr.Node.Transport;

/// <summary>Socket options every VTR1 connection gets, as the original server sets them (WIRE.md §3.1).</summary>
internal static class SocketTuning
{
    /// <summary>4 MiB, the original server's SO_SNDBUF/SO_RCVBUF: a 1080p NV12 frame is ~3 MiB.</summary>
    public const int BufferBytes = 4 * 1024 * 1024;

    // Linux TCP_QUICKACK (netinet/tcp.h): the decode-mode client writes header and payload separately
    // without TCP_NODELAY, so a delayed ACK would cost ~40 ms per packet.
    private const int TcpQuickAck = 12;

    // The option value is a C int 1 in host order; every platform .NET runs Linux on is little-endian.
    private static readonly byte[] OptionOn = [1, 0, 0, 0];

    public static void Apply(Socket socket)
    {
        socket.NoDelay = true;
        socket.SendBufferSize = BufferBytes;
        socket.ReceiveBufferSize = BufferBytes;
        RequestQuickAck(socket);
    }

    /// <summary>Linux clears TCP_QUICKACK after some segments, so the receive loop re-arms it after each read.</summary>
    public static void RequestQuickAck(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            socket.SetRawSocketOption((int)SocketOptionLevel.Tcp, TcpQuickAck, OptionOn);
        }
        catch (SocketException)
        {
            // Best effort: an old kernel without QUICKACK still works, only slower in decode mode.
        }
        catch (ObjectDisposedException)
        {
            // The connection closed between the read and this call; nothing to tune any more.
        }
    }
}
