using System.Net.Sockets;
using Vtr.Shared.Wire;

namespace Vtr.Node.Transport;

/// <summary>Socket options every VTR1 connection gets, as the original server sets them (WIRE.md §3.1).</summary>
internal static class SocketTuning
{
    // Linux TCP_QUICKACK (netinet/tcp.h): the decode-mode client writes header and payload separately
    // without TCP_NODELAY, so a delayed ACK would cost ~40 ms per packet.
    private const int TcpQuickAck = 12;

    // The option value is a C int 1 in host order; every platform .NET runs Linux on is little-endian.
    private static readonly byte[] OptionOn = [1, 0, 0, 0];

    public static void Apply(Socket socket)
    {
        socket.NoDelay = true;
        socket.SendBufferSize = Vtr1SocketBuffers.Bytes;
        socket.ReceiveBufferSize = Vtr1SocketBuffers.Bytes;
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
