namespace Vtr.Shared.Wire;

/// <summary>Kernel socket buffer sizes both VTR1 peers ask for (SO_SNDBUF/SO_RCVBUF), in one place for node and client.</summary>
public static class Vtr1SocketBuffers
{
    /// <summary>4 MiB, the original server's SO_SNDBUF/SO_RCVBUF (WIRE.md §3.1): a whole 1080p NV12 frame (~3 MiB) fits.</summary>
    public const int Bytes = 4 * 1024 * 1024;
}
