using Vtr.Cli.Logging;

namespace Vtr.Client.Cli.Tests.Logging;

public sealed class TlsRejectionTests
{
    private static readonly Type DotNetty = typeof(Akka.Remote.Transport.DotNetty.DotNettySslSetup);

    [Theory]
    [InlineData("Rejected incoming connection from [[::ffff:127.0.0.1]:58070] due to TLS handshake failure. This is likely invalid or malicious traffic.", "127.0.0.1:58070")]
    [InlineData("Rejected incoming connection from [10.0.0.7:4000] due to TLS handshake failure.", "10.0.0.7:4000")]
    [InlineData("Rejected incoming connection from [[fe80::1]:4000] due to TLS handshake failure.", "[fe80::1]:4000")]
    public void Akka_Remote_TLS_rejections_name_the_peer_as_a_person_typed_it(string message, string expected)
    {
        Assert.True(TlsRejection.TryParse(DotNetty, message, out var remote));
        Assert.Equal(expected, remote);
    }

    [Fact]
    public void Other_lines_and_the_same_text_from_other_classes_are_not_rejections()
    {
        Assert.False(TlsRejection.TryParse(DotNetty, "Remoting started; listening on addresses", out _));
        Assert.False(TlsRejection.TryParse(typeof(TlsRejectionTests), "Rejected incoming connection from [10.0.0.7:4000] due to TLS handshake failure.", out _));
        Assert.False(TlsRejection.TryParse(DotNetty, "Rejected incoming connection from [10.0.0.7:4000]", out _));
    }
}
