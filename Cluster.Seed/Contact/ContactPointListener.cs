using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Vtr.Seed.Security;
using Vtr.Shared.Cluster;
using Vtr.Shared.Security;
using Vtr.Shared.Versioning;

namespace Vtr.Seed.Contact;

/// <summary>
/// Serves <see cref="ContactProtocol"/> on the seed's contact port. Each connection gets one bounded request line
/// and one reply; a slow or hostile peer costs one short-lived task and is cut off after <see cref="ExchangeTimeout"/>.
/// In a secured farm the exchange runs inside mutual TLS with the farm certificate: a peer that does not start a TLS
/// handshake gets only "this farm is secured", one without the farm certificate nothing, and both are reported.
/// </summary>
public sealed class ContactPointListener : IAsyncDisposable
{
    public static readonly TimeSpan ExchangeTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(1.5);

    private readonly TcpListener _listener;
    private readonly ActorSystem _system;
    private readonly IActorRef _coordinator;
    private readonly FarmCredentials? _farm;
    private readonly FarmRefusals _refusals;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ContactPointListener(TcpListener listener, ActorSystem system, IActorRef coordinator, FarmCredentials? farm)
    {
        _listener = listener;
        _system = system;
        _coordinator = coordinator;
        _farm = farm;
        _refusals = new FarmRefusals(system);
        _loop = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Binds <paramref name="endPoint"/> (throws <see cref="SocketException"/> when it is taken) and serves;
    /// with <paramref name="farm"/>, only to peers holding the farm certificate.</summary>
    public static ContactPointListener Start(IPEndPoint endPoint, ActorSystem system, IActorRef coordinator, FarmCredentials? farm = null)
    {
        var listener = new TcpListener(endPoint);
        listener.Start();
        return new ContactPointListener(listener, system, coordinator, farm);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(ExchangeTimeout);
        var remote = client.Client.RemoteEndPoint?.ToString() ?? "unknown";
        try
        {
            await using var stream = await OpenAsync(client, remote, timeout.Token).ConfigureAwait(false);
            if (stream is null)
            {
                return;
            }

            var verb = ContactProtocol.ParseRequest(await ReadLineAsync(stream, timeout.Token).ConfigureAwait(false));
            var observed = ((IPEndPoint)client.Client.RemoteEndPoint!).Address.ToString();
            var reply = verb switch
            {
                ContactProtocol.JoinVerb => new ContactReply(Members(), observed),
                ContactProtocol.StatusVerb => await StatusReplyAsync(observed).ConfigureAwait(false),
                _ => new ContactReply([], observed, Error: "not a vtr contact request"),
            };
            await stream.WriteAsync(ContactProtocol.Serialize(reply), timeout.Token).ConfigureAwait(false);
        }
        catch (FarmPeerRefusedException)
        {
            _refusals.Refused(remote);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or
                                   System.Security.Authentication.AuthenticationException)
        {
            // A peer that vanished or stalled: nothing to answer, nobody else affected.
        }
        catch (Exception ex)
        {
            // A bug answering one request must not end the contact point for everyone else.
            _system.Log.Error(ex, "contact point: could not answer a request: {Reason}", ex.Message);
        }
    }

    /// <summary>
    /// The stream to serve the request on: the plain one in an open farm; in a secured farm the TLS stream, or null after
    /// telling a peer that did not start TLS (the first byte of a handshake is 0x16, of a request 'V') that it needs the
    /// farm certificate.
    /// </summary>
    private async Task<Stream?> OpenAsync(TcpClient client, string remote, CancellationToken ct)
    {
        var plain = client.GetStream();
        if (_farm is null)
        {
            return plain;
        }

        var first = new byte[1];
        var peeked = await client.Client.ReceiveAsync(first, SocketFlags.Peek, ct).ConfigureAwait(false);
        if (peeked == 1 && first[0] == FarmTls.HandshakeRecord)
        {
            return await FarmTls.AcceptAsync(plain, _farm, ct).ConfigureAwait(false);
        }

        _refusals.Refused(remote);
        await plain.WriteAsync(ContactProtocol.Serialize(new ContactReply([], string.Empty, Error: ContactProtocol.FarmSecuredError)), ct).ConfigureAwait(false);
        return null;
    }

    private async Task<ContactReply> StatusReplyAsync(string observed)
    {
        try
        {
            var status = await _coordinator.Ask<ClusterStatus>(GetClusterStatus.Instance, StatusTimeout).ConfigureAwait(false);
            return new ContactReply(Members(), observed, status, MemberStates: MemberStates(), Version: VtrVersion.Current.Announced);
        }
        catch (AskTimeoutException)
        {
            return new ContactReply(
                Members(), observed, Error: "the job coordinator did not answer (it may be moving to another member)",
                MemberStates: MemberStates(), Version: VtrVersion.Current.Announced);
        }
    }

    /// <summary>Members a joiner can contact: this seed first, then every member that is up or joining.</summary>
    private ImmutableArray<string> Members()
    {
        var cluster = Akka.Cluster.Cluster.Get(_system);
        var others = cluster.State.Members
            .Where(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining)
            .Where(m => !m.HasRole(ClusterNames.ClientRole))
            .Select(m => m.Address)
            .Where(a => a != cluster.SelfAddress)
            .Select(a => a.ToString());
        return [cluster.SelfAddress.ToString(), .. others];
    }

    private ImmutableArray<MemberView> MemberStates()
    {
        var state = Akka.Cluster.Cluster.Get(_system).State;
        return [.. state.Members.Select(m => new MemberView(
            m.Address.ToString(), [.. m.Roles.Order(StringComparer.Ordinal)], m.Status.ToString(), !state.Unreachable.Contains(m)))];
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[ContactProtocol.MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (Array.IndexOf(buffer, (byte)'\n', 0, length) >= 0)
            {
                break;
            }
        }

        var text = Encoding.ASCII.GetString(buffer, 0, length);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline >= 0 ? text[..newline] : string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
