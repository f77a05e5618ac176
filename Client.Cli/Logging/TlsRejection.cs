namespace Vtr.Cli.Logging;

/// <summary>
/// Recognises Akka.Remote's DotNetty line for an inbound connection that failed the TLS handshake — a peer without the
/// farm certificate, or not speaking TLS at all: "Rejected incoming connection from [[::ffff:10.0.0.7]:58070] due to TLS
/// handshake failure. …" (Akka.NET 1.5.74, TcpServerHandler).
/// </summary>
public static class TlsRejection
{
    private const string Start = "Rejected incoming connection from [";
    private const string End = "] due to TLS handshake failure";
    private const string MappedIPv4 = "[::ffff:";

    /// <summary>True, with the peer as HOST:PORT, when <paramref name="message"/> of a DotNetty class is that line.</summary>
    public static bool TryParse(Type? logClass, string message, out string remote)
    {
        remote = "";
        if (logClass?.Namespace?.StartsWith("Akka.Remote", StringComparison.Ordinal) != true ||
            !message.StartsWith(Start, StringComparison.Ordinal))
        {
            return false;
        }

        var end = message.IndexOf(End, Start.Length, StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        remote = message[Start.Length..end];
        if (remote.StartsWith(MappedIPv4, StringComparison.Ordinal) && remote.IndexOf("]:", StringComparison.Ordinal) is var close and > 0)
        {
            // [::ffff:10.0.0.7]:58070 -> 10.0.0.7:58070: the address a person typed.
            remote = remote[MappedIPv4.Length..close] + remote[(close + 1)..];
        }

        return true;
    }
}
