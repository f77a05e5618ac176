using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Vtr.Node.Transport;
using Vtr.Shared.Wire;

namespace Vtr.Node.MacEncoder.Tests.Transport;

/// <summary>The polite end of a session over a real loopback socket: half-close, drain, then close.</summary>
public sealed class Vtr1ConnectionFinishTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Finish_drains_what_the_client_still_sends_until_it_disconnects()
    {
        var (client, server) = await ConnectedPairAsync();
        using var clientSocket = client;
        await using var connection = new Vtr1Connection(server, Vtr1Limits.Default);
        connection.Start(ActorRefs.Nobody);

        var finish = connection.FinishAsync(TimeSpan.FromMinutes(1));
        await ReadToEndAsync(client); // our half-close arrived

        // A client that had pipelined more (an intruder behind a refused HELLO, a FRAME behind a failed one) is
        // still read: a close now would reset the connection and could destroy the verdict it has not read yet.
        Assert.False(finish.IsCompleted);
        using var stream = new NetworkStream(client, ownsSocket: false);
        var writer = new Vtr1PipeWriter(PipeWriter.Create(stream));
        await writer.SendAsync(PingMessage.Instance, CancellationToken.None);
        await writer.SendAsync(new ErrorMessage(1, "late"), CancellationToken.None);
        Assert.False(finish.IsCompleted);

        client.Shutdown(SocketShutdown.Send);
        await finish.WaitAsync(Bound);
    }

    [Fact]
    public async Task Finish_gives_up_on_a_client_that_never_disconnects_after_the_linger()
    {
        var (client, server) = await ConnectedPairAsync();
        using var clientSocket = client;
        await using var connection = new Vtr1Connection(server, Vtr1Limits.Default);
        connection.Start(ActorRefs.Nobody);

        await connection.FinishAsync(TimeSpan.FromMilliseconds(200)).WaitAsync(Bound);

        await ReadToEndAsync(client); // the socket is closed, not left open
    }

    private static async Task<(Socket Client, Socket Server)> ConnectedPairAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accept = listener.AcceptAsync();
        await client.ConnectAsync(listener.LocalEndPoint!).WaitAsync(Bound);
        return (client, await accept.WaitAsync(Bound));
    }

    private static async Task ReadToEndAsync(Socket client)
    {
        var buffer = new byte[256];
        using var cts = new CancellationTokenSource(Bound);
        while (await client.ReceiveAsync(buffer, SocketFlags.None, cts.Token) > 0)
        {
        }
    }
}
