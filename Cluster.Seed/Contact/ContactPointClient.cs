using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Vtr.Shared.Security;

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

/// <summary>
/// The seed turned this machine away (its farm is secured and this machine lacks the farm certificate), or the seed is not
/// of this machine's farm. Waiting does not help: the message says what to do.
/// </summary>
public sealed class FarmAccessDeniedException : Exception
{
    public FarmAccessDeniedException()
    {
    }

    public FarmAccessDeniedException(string message)
        : base(message)
    {
    }

    public FarmAccessDeniedException(string message, Exception innerException)
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
    /// <see cref="FarmAccessDeniedException"/> when the farm turned this machine away (or <paramref name="farm"/> is not the
    /// seed's), <see cref="IOException"/>/<see cref="SocketException"/>/<see cref="OperationCanceledException"/> on other
    /// failures. With <paramref name="farm"/> the exchange runs in mutual TLS with the farm certificate.
    /// </summary>
    public static async Task<Answer> AskAsync(SeedEndPoint seed, string verb, TimeSpan timeout, CancellationToken ct, FarmCredentials? farm = null)
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
        await using var stream = farm is null ? client.GetStream() : await SecureAsync(client.GetStream(), seed, farm, deadline.Token).ConfigureAwait(false);
        await stream.WriteAsync(ContactProtocol.Request(verb), deadline.Token).ConfigureAwait(false);
        var reply = ContactProtocol.Deserialize(await ReadReplyAsync(stream, deadline.Token).ConfigureAwait(false));
        if (reply.Error == ContactProtocol.FarmSecuredError)
        {
            throw new FarmAccessDeniedException($"the seed at {seed} refused this machine: {reply.Error}");
        }

        return new Answer(reply, local);
    }

    private static async Task<Stream> SecureAsync(NetworkStream plain, SeedEndPoint seed, FarmCredentials farm, CancellationToken ct)
    {
        try
        {
            return await FarmTls.ConnectAsync(plain, farm, ct).ConfigureAwait(false);
        }
        catch (FarmPeerRefusedException ex)
        {
            throw new FarmAccessDeniedException($"the seed at {seed} is not of this machine's farm (it presented another farm's certificate; this machine's is {farm.Path})", ex);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException && !ct.IsCancellationRequested)
        {
            throw new FarmAccessDeniedException(
                $"no farm TLS with the seed at {seed}: it is an open farm, or another farm's (this machine has the farm certificate {farm.Path}; `vtr farm show` prints its fingerprint)", ex);
        }
    }

    private static async Task<byte[]> ReadReplyAsync(Stream stream, CancellationToken ct)
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
