using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vtr.Seed.Contact;

/// <summary>
/// Which address a member puts in its Akka address, so every other member can dial it. A name the machine calls itself
/// (a Mac's "Studio-Mac") often does not resolve elsewhere on a LAN; an address does.
/// </summary>
public static class AdvertisedAddress
{
    /// <summary>A TEST-NET-1 address: connecting a UDP socket to it only asks the routing table, no packet is sent.</summary>
    private static readonly IPAddress DefaultRouteProbe = IPAddress.Parse("192.0.2.255");

    /// <summary>The address to advertise for a member bound to <paramref name="bound"/>: itself when specific, else
    /// this machine's primary LAN address (the default route's source), else loopback.</summary>
    public static string For(IPAddress bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        if (!bound.Equals(IPAddress.Any))
        {
            return bound.ToString();
        }

        return (RouteSource(DefaultRouteProbe) ?? FirstUpInterfaceAddress() ?? IPAddress.Loopback).ToString();
    }

    /// <summary>True for a loopback address or an address of one of this machine's interfaces that are up.</summary>
    public static bool IsLocal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return IPAddress.IsLoopback(address)
            || NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Any(u => u.Address.Equals(address));
    }

    /// <summary>The local address this machine uses to reach <paramref name="host"/>, or null when there is no route.</summary>
    public static IPAddress? RouteTo(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!IPAddress.TryParse(host, out var address))
        {
            try
            {
                address = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
            }
            catch (SocketException)
            {
                return null;
            }
        }

        return address is null ? null : RouteSource(address);
    }

    private static IPAddress? RouteSource(IPAddress destination)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(destination, 9);
            var local = ((IPEndPoint)probe.LocalEndPoint!).Address;
            return local.Equals(IPAddress.Any) ? null : local;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static IPAddress? FirstUpInterfaceAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
