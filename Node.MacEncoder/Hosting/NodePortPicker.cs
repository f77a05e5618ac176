using System.Net;
using System.Net.Sockets;

namespace Vtr.Node.Hosting;

/// <summary>The ports a node serves: VTR1, and its Akka.Remote port (VTR1 + <see cref="ClusterPortOffset"/>).</summary>
public sealed record NodePorts(int Vtr1, int Cluster);

/// <summary>
/// Picks a node's ports. Without --listen a second node on the same host takes the next free VTR1 port (5556, 5557, …)
/// and announces that one; with an explicit --listen a taken port is an error. The cluster port follows the VTR1 port,
/// so a restarted node comes back at the same Akka address and replaces its old incarnation at once.
/// </summary>
public static class NodePortPicker
{
    public const int ClusterPortOffset = 10000;

    /// <summary>How many ports after the default a node without --listen tries.</summary>
    public const int Attempts = 20;

    /// <summary>The ports to use, or null (with <paramref name="problem"/>) when none is free.</summary>
    public static NodePorts? Pick(IPEndPoint listen, bool listenGiven, int? clusterPort, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(listen);
        problem = null;
        var tries = listenGiven || listen.Port == 0 ? 1 : Attempts;
        for (var i = 0; i < tries; i++)
        {
            var vtr1 = listen.Port == 0 ? 0 : listen.Port + i;
            var cluster = clusterPort ?? (vtr1 == 0 ? 0 : vtr1 + ClusterPortOffset);
            if (IsFree(listen.Address, vtr1) && (cluster == 0 || IsFree(listen.Address, cluster)))
            {
                return new NodePorts(vtr1, cluster);
            }
        }

        problem = listenGiven
            ? $"{listen} (or its cluster port {clusterPort ?? listen.Port + ClusterPortOffset}) is already in use (another vtr node?); choose another with --listen"
            : $"ports {listen.Port}–{listen.Port + Attempts - 1} are all in use; choose one with --listen";
        return null;
    }

    /// <summary>Whether nothing holds <paramref name="port"/>: an exclusive bind, which also fails against a listener that
    /// asked for SO_REUSEPORT (a shared bind would succeed).</summary>
    public static bool IsFree(IPAddress address, int port)
    {
        if (port == 0)
        {
            return true;
        }

        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
