using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.TestKit.Xunit2;
using Vtr.Seed.Contact;
using Vtr.Shared.Cluster;
using Vtr.Shared.Versioning;

namespace Vtr.Cluster.Seed.Tests.Contact;

/// <summary>The contact point on a real socket: a joiner's answer, and hostile peers that must not stop it serving.</summary>
public sealed class ContactPointListenerSpecs() : TestKit("akka.actor.provider = cluster\nakka.remote.dot-netty.tcp.hostname = 127.0.0.1\nakka.remote.dot-netty.tcp.port = 0")
{
    [Fact]
    public async Task A_join_request_gets_the_canonical_address_and_garbage_does_not_stop_the_listener()
    {
        var coordinator = CreateTestProbe();
        await using var listener = ContactPointListener.Start(new IPEndPoint(IPAddress.Loopback, 0), Sys, coordinator.Ref);
        var seed = new SeedEndPoint("127.0.0.1", listener.EndPoint.Port);

        foreach (var garbage in new[] { new string('x', 10_000), "VTR-CONTACT/1 DOWN\n", "\n" })
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, listener.EndPoint.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(garbage));
            var reply = await new StreamReader(stream).ReadToEndAsync();
            Assert.DoesNotContain("akka.tcp", reply, StringComparison.Ordinal);
        }

        var answer = await ContactPointClient.AskAsync(seed, ContactProtocol.JoinVerb, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(Akka.Cluster.Cluster.Get(Sys).SelfAddress.ToString(), answer.Reply.Members[0]);
        Assert.Equal(IPAddress.Loopback, answer.LocalAddress);
    }

    [Fact]
    public async Task A_status_request_carries_the_coordinators_answer_and_the_seeds_version()
    {
        var coordinator = CreateTestProbe();
        await using var listener = ContactPointListener.Start(new IPEndPoint(IPAddress.Loopback, 0), Sys, coordinator.Ref);
        var asking = ContactPointClient.AskAsync(new SeedEndPoint("127.0.0.1", listener.EndPoint.Port), ContactProtocol.StatusVerb, TimeSpan.FromSeconds(5), CancellationToken.None);

        coordinator.ExpectMsg<GetClusterStatus>();
        coordinator.Reply(new ClusterStatus([], []));
        var answer = await asking;

        Assert.NotNull(answer.Reply.Status);
        Assert.NotNull(answer.Reply.MemberStates);
        Assert.Equal(VtrVersion.Current.Announced, answer.Reply.Version);
    }

    [Fact]
    public async Task A_closed_port_is_refused_not_timed_out()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        await Assert.ThrowsAsync<ContactRefusedException>(() =>
            ContactPointClient.AskAsync(new SeedEndPoint("127.0.0.1", port), ContactProtocol.JoinVerb, TimeSpan.FromSeconds(5), CancellationToken.None));
    }
}
