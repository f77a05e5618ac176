using Vtr.Seed.Contact;

namespace Vtr.Cluster.Seed.Tests.Contact;

public sealed class ContactProtocolTests
{
    [Theory]
    [InlineData("VTR-CONTACT/1 JOIN", "JOIN")]
    [InlineData("VTR-CONTACT/1 STATUS\r", "STATUS")]
    [InlineData("VTR-CONTACT/1 DOWN", null)]
    [InlineData("GET / HTTP/1.1", null)]
    [InlineData("", null)]
    public void Only_known_verbs_of_version_1_are_requests(string line, string? verb) =>
        Assert.Equal(verb, ContactProtocol.ParseRequest(line));

    [Fact]
    public void A_reply_round_trips_with_its_members_first_seed_first()
    {
        var reply = new ContactReply(["akka.tcp://vtr@10.0.0.5:4054", "akka.tcp://vtr@10.0.0.6:15555"], "10.0.0.7");

        var back = ContactProtocol.Deserialize(ContactProtocol.Serialize(reply));

        Assert.Equal<string>(reply.Members, back.Members);
        Assert.Equal("10.0.0.7", back.ObservedAddress);
        Assert.Null(back.MemberStates);
    }

    [Theory]
    [InlineData("127.0.0.1:4053", "127.0.0.1", 4053, false)]
    [InlineData("localhost", "localhost", 4053, false)]
    [InlineData("studio-mac.local:5000", "studio-mac.local", 5000, false)]
    [InlineData("[::1]:4053", "::1", 4053, false)]
    [InlineData("akka.tcp://vtr@10.0.0.5:4054", "10.0.0.5", 4054, true)]
    public void Seeds_parse_as_users_type_them(string text, string host, int port, bool akka)
    {
        Assert.True(SeedEndPoint.TryParse(text, 4053, out var seed));
        Assert.Equal(new SeedEndPoint(host, port, akka), seed);
    }

    [Theory]
    [InlineData("host:0")]
    [InlineData("host:99999")]
    [InlineData("host:abc")]
    [InlineData(":4053")]
    public void Bad_seeds_are_refused(string text) => Assert.False(SeedEndPoint.TryParse(text, 4053, out _));
}
