using Vtr.Seed.Hosting;

namespace Vtr.Cluster.Seed.Tests.Hosting;

public sealed class BindHostTests
{
    [Fact]
    public void A_member_bound_to_all_interfaces_that_advertises_loopback_binds_loopback_only()
    {
        var options = new VtrClusterOptions { Host = "0.0.0.0", PublicHostname = "127.0.0.1" };

        Assert.Equal("127.0.0.1", options.BindHost(options.ResolvePublicHostname()));
    }

    [Fact]
    public void A_public_hostname_that_is_not_this_machines_keeps_the_bind_to_all_interfaces()
    {
        // NAT, a container's published port: the advertised address belongs to another machine.
        var options = new VtrClusterOptions { Host = "0.0.0.0", PublicHostname = "203.0.113.7" };

        Assert.Equal("0.0.0.0", options.BindHost(options.ResolvePublicHostname()));
    }

    [Fact]
    public void A_name_is_not_narrowed_to()
    {
        var options = new VtrClusterOptions { Host = "0.0.0.0", PublicHostname = "studio-mac.local" };

        Assert.Equal("0.0.0.0", options.BindHost(options.ResolvePublicHostname()));
    }

    [Fact]
    public void A_specific_interface_stays_as_given()
    {
        var options = new VtrClusterOptions { Host = "127.0.0.1", PublicHostname = "127.0.0.1" };

        Assert.Equal("127.0.0.1", options.BindHost(options.ResolvePublicHostname()));
    }

    [Fact]
    public void Without_a_public_hostname_the_advertised_lan_address_is_bound()
    {
        // The advertised address of a member bound to all is this machine's own (default route's source, or loopback).
        var options = new VtrClusterOptions { Host = "0.0.0.0" };

        var advertised = options.ResolvePublicHostname();

        Assert.Equal(advertised, options.BindHost(advertised));
    }
}
