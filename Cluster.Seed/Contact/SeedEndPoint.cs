using System.Globalization;

namespace Vtr.Seed.Contact;

/// <summary>A seed as a user types it: <c>HOST:PORT</c> (host name, IPv4 or [IPv6]) or a full <c>akka.tcp://</c> (or <c>akka.ssl.tcp://</c>) address.</summary>
public sealed record SeedEndPoint(string Host, int Port, bool IsAkkaAddress = false)
{
    public static bool TryParse(string text, int defaultPort, out SeedEndPoint? seed)
    {
        seed = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Contains("://", StringComparison.Ordinal))
        {
            // akka.tcp:// or akka.ssl.tcp://: only host and port matter, the farm's credentials decide the scheme.
            var uri = new Uri("tcp://" + text[(text.IndexOf("://", StringComparison.Ordinal) + 3)..]);
            seed = new SeedEndPoint(uri.Host, uri.Port, IsAkkaAddress: true);
            return uri.Port > 0;
        }

        var colon = text.LastIndexOf(':');
        var bracketEnd = text.LastIndexOf(']');
        if (colon < 0 || colon < bracketEnd)
        {
            seed = new SeedEndPoint(text.Trim('[', ']'), defaultPort);
            return true;
        }

        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        seed = host.Length == 0 ? null : new SeedEndPoint(host, port);
        return seed is not null;
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
