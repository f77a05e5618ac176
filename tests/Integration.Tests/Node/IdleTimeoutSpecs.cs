using Akka.TestKit;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Integration.Tests.Node;

/// <summary>
/// The session's idle timer on virtual time: the node runs on a <see cref="TestScheduler"/>, so a spec moves the clock
/// past the product's default 10 s idle timeout instead of waiting for it. The timer is restarted before the node
/// answers a message, so once the answer has arrived the clock can be advanced safely.
/// <c>SessionRulesTests.A_silent_client_is_timed_out_and_its_session_freed</c> proves the same timer on real time.
/// </summary>
public sealed class IdleTimeoutSpecs : NodeTestKit
{
    private static readonly TimeSpan Idle = new Vtr.Node.Sessions.SessionPolicy().IdleTimeout;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    public IdleTimeoutSpecs()
        : base("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
    {
    }

    protected override Vtr.Node.Sessions.SessionPolicy Policy => base.Policy with { IdleTimeout = Idle };

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    [BackendFact]
    public async Task Session_survives_until_the_idle_timeout_and_fails_with_timeout_after_it()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        await using var client = await TestSessions.OpenEncoderAsync(NodeEndPoint, VideoCodec.H264, TestSessions.EncodeConfigure(64, 64), cts.Token);

        Scheduler.Advance(Idle - Tick);
        await client.SendAsync(PingMessage.Instance, cts.Token);
        Assert.IsType<PongMessage>(await client.ReceiveAsync(cts.Token)); // still alive one tick before the timeout

        Scheduler.Advance(Idle);
        var error = Assert.IsType<ErrorMessage>(await client.ReceiveAsync(cts.Token));
        Assert.Equal((uint)Vtr1ErrorCode.Timeout, error.Code);
        Assert.Contains($"no message for {Idle.TotalSeconds:0} s", error.Message, StringComparison.Ordinal);
    }

    [BackendFact]
    public async Task Every_client_message_restarts_the_idle_clock()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        await using var client = await TestSessions.OpenEncoderAsync(NodeEndPoint, VideoCodec.H264, TestSessions.EncodeConfigure(64, 64), cts.Token);

        // Three pings, each just inside the timeout: nearly three idle timeouts pass in total without a failure.
        for (var i = 0; i < 3; i++)
        {
            Scheduler.Advance(Idle - Tick);
            await client.SendAsync(PingMessage.Instance, cts.Token);
            Assert.IsType<PongMessage>(await client.ReceiveAsync(cts.Token));
        }

        var packets = await TestSessions.EncodeAsync(client, 64, 64, 3, cts.Token);
        Assert.Equal(3, packets.Count); // the session was never timed out: it still encodes
    }
}
