using System.Net;
using System.Net.Sockets;

namespace Vtr.Seed.Contact;

/// <summary>Nothing listens at the contact point: the seed is not running there (connection refused).</summary>
public sealed class ContactRefusedException : Exception
{
    public ContactRefusedException()
    {
    }

    public ContactRefusedException(string message)
        : base(message)
    {
    }

    public ContactRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>One exchange with a seed's contact point; the reply is read with a hard size bound.</summary>
public static class ContactPointClient
{
    /// <summary>The reply and the local address this machine used to reach the seed (the address to advertise).</summary>
    public sealed record Answer(ContactReply Reply, IPAddress LocalAddress);

    /// <summary>
    /// Asks <paramref name="seed"/>; throws <see cref="ContactRefusedException"/> when the port refuses, and
    /// <see cref="IOException"/>/<see cref="SocketException"/>/<see cref="OperationCanceledException"/> on other failures.
    /// </summary>
    public static async Task<Answer> AskAsync(SeedEndPoint seed, string verb, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(seed);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var client = new TcpClient(AddressFamily.InterNetwork);
        try
        {
            await client.ConnectAsync(seed.Host, seed.Port, deadline.Token).ConfigureAwait(false);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            throw new ContactRefusedException($"nothing listens at {seed} (connection refused)", ex);
        }

        var local = ((IPEndPoint)client.Client.LocalEndPoint!).Address;
        var stream = client.GetStream();
        await stream.WriteAsync(ContactProtocol.Request(verb), deadline.Token).ConfigureAwait(false);
        var reply = await ReadReplyAsync(stream, deadline.Token).ConfigureAwait(false);
        return new Answer(ContactProtocol.Deserialize(reply), local);
    }

    private static async Task<byte[]> ReadReplyAsync(NetworkStream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + read > ContactProtocol.MaxReplyBytes)
            {
                throw new IOException($"contact reply longer than {ContactProtocol.MaxReplyBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }
    }
}
