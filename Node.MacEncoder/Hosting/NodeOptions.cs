using System.Net;
using Vtr.Shared.Security;

namespace Vtr.Node.Hosting;

/// <summary>`vtr node` settings. Defaults are the original server's where WIRE.md §7 gives them.</summary>
public sealed record NodeOptions
{
    public const int DefaultPort = 5555;

    /// <summary>IPv4 endpoint the VTR1 listener binds (original default 0.0.0.0:5555).</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Any, DefaultPort);

    /// <summary>Host name or address clients in the cluster dial for this node's VTR1 endpoint; null = derived from --listen.</summary>
    public string? PublicHostname { get; init; }

    /// <summary>The farm credentials: farm clients reach this node over mutual TLS with them. Null: an open farm.</summary>
    public FarmCredentials? Farm { get; init; }

    /// <summary>Serve plain VTR1 (unmodified FFmpeg clients) beside the farm's TLS connections; false = the farm only.</summary>
    public bool ServePlainVtr1 { get; init; } = true;

    /// <summary>Empty = auth off.</summary>
    public string Token { get; init; } = "";

    /// <summary>Concurrent encoding sessions; over the limit HELLO_ACK says busy (the original never enforced its 4).</summary>
    public int MaxSessions { get; init; } = 4;

    /// <summary>auto (VideoToolbox on macOS, else FFmpeg), ffmpeg or videotoolbox.</summary>
    public string Backend { get; init; } = "auto";

    /// <summary>x264/x265 preset for the software backend.</summary>
    public string SoftwarePreset { get; init; } = "veryfast";

    /// <summary>Codec threads per session for the software backend; 0 = automatic.</summary>
    public int CodecThreads { get; init; }

    /// <summary>Serve one connection, then exit (the original server's --once).</summary>
    public bool Once { get; init; }

    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Parses HOST:PORT (IPv4, split at the last ':'), as the original server's --listen.</summary>
    public static IPEndPoint ParseEndPoint(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !IPAddress.TryParse(value[..colon], out var address) ||
            !ushort.TryParse(value[(colon + 1)..], out var port))
        {
            throw new FormatException($"'{value}' is not an IPv4 HOST:PORT such as 0.0.0.0:5555");
        }

        return new IPEndPoint(address, port);
    }
}
