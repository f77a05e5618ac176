using Akka.Actor;
using Vtr.Cli.Transport;
using Vtr.Node.Sessions;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Integration.Tests.Node;

/// <summary>
/// A straggler's copy that lost to another copy: the coordinator's word (published on the node's event stream by its
/// announcer) becomes the session's one info line, whether it comes before or after the client drops the connection;
/// the "session closed … N in, M out" summary, which reads like a failure, is kept for sessions that really end.
/// </summary>
public sealed class LostCopySessionTests : NodeTestKit
{
    private const string LostLine = "segment 7: copy cancelled, finished on another node";
    private const string CloseLine = "session closed: client";

    public LostCopySessionTests()
        : base("akka.loglevel = INFO")
    {
    }

    [BackendFact]
    public async Task The_word_that_its_copy_lost_gives_a_leased_session_one_line_and_leaves_other_sessions_alone()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        var (lost, other) = (LeaseId.New(), LeaseId.New());
        var loser = await OpenLeasedAsync(lost, cts.Token);
        await using var bystander = await OpenLeasedAsync(other, cts.Token);
        await SendFramesAsync(loser, cts.Token);

        await EventFilter.Info(start: CloseLine).ExpectAsync(0, async () =>
        {
            await EventFilter.Info(start: LostLine).ExpectOneAsync(() =>
            {
                Sys.EventStream.Publish(new SessionProtocol.CopyLost(lost.ConfigureValue, 7));
                return Task.CompletedTask;
            });
            await AwaitActiveSessionsAsync(2); // still open: the node leaves the close to the client
            await loser.DisposeAsync(); // as the client does once it heard its lease was cancelled
            await AwaitActiveSessionsAsync(1); // the drop was handled, and logged no close line at info
        });

        Assert.Equal(3, (await TestSessions.EncodeAsync(bystander, 64, 64, 3, cts.Token)).Count);
    }

    [BackendFact]
    public async Task A_leased_session_the_client_dropped_first_still_says_its_copy_lost_when_the_word_follows()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        var lease = LeaseId.New();
        var client = await OpenLeasedAsync(lease, cts.Token);
        await SendFramesAsync(client, cts.Token);

        await EventFilter.Info(start: CloseLine).ExpectAsync(0, () =>
            EventFilter.Info(start: LostLine).ExpectOneAsync(async () =>
            {
                await client.DisposeAsync();
                await AwaitActiveSessionsAsync(0); // the drop was handled: the session waits for the word
                Sys.EventStream.Publish(new SessionProtocol.CopyLost(lease.ConfigureValue, 7));
            }));
    }

    [BackendFact]
    public async Task A_leased_session_dropped_midway_with_no_word_gets_its_close_summary_after_the_grace()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        var client = await OpenLeasedAsync(LeaseId.New(), cts.Token);
        await SendFramesAsync(client, cts.Token);

        await EventFilter.Info(start: CloseLine).ExpectOneAsync(
            SessionActor.LostCopyGrace + TestSessions.Timeout, async () => await client.DisposeAsync());
    }

    private Task<Vtr1Client> OpenLeasedAsync(LeaseId lease, CancellationToken ct)
    {
        var configure = TestSessions.EncodeConfigure(64, 64);
        configure = configure with { Options = configure.Options.Add(new(ConfigureMessage.LeaseOption, lease.ConfigureValue)) };
        return TestSessions.OpenEncoderAsync(NodeEndPoint, VideoCodec.H264, configure, ct);
    }

    /// <summary>Three FRAMEs, then a PING whose PONG proves the node has taken them in.</summary>
    private static async Task SendFramesAsync(Vtr1Client client, CancellationToken ct)
    {
        for (var i = 0; i < 3; i++)
        {
            var (luma, chroma) = Media.TestPattern.Nv12(64, 64, i);
            await client.SendFrameAsync(i, 1, false, luma, chroma, ct);
        }

        await client.SendAsync(PingMessage.Instance, ct);
        while (await client.ReceiveAsync(ct) is { } message and not PongMessage)
        {
            (message as IDisposable)?.Dispose();
        }
    }

    private Task AwaitActiveSessionsAsync(int count) => AwaitAssertAsync(async () =>
    {
        var status = await Server!.Pool.Ask<EncoderPoolProtocol.PoolStatus>(EncoderPoolProtocol.GetPoolStatus.Instance, TestSessions.Timeout);
        Assert.Equal(count, status.ActiveSessions);
    }, TestSessions.Timeout);
}
