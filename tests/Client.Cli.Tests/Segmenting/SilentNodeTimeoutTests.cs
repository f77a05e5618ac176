using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Vtr.Cli.Jobs;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Cli.Transport;
using Vtr.Client.Cli.Tests.Support;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;

namespace Vtr.Client.Cli.Tests.Segmenting;

/// <summary>
/// A node that accepts the VTR1 connection and then never answers (frozen process, a peer whose FIN/RST never
/// arrives) must end the run as a failure within the runner's idle timeout, so the coordinator leases the segment
/// elsewhere instead of the job waiting forever. The timeouts run on a <see cref="ManualClock"/>: each test waits
/// until the product arms its timer, then moves time past it (the real-time path is the farm tests' frozen node).
/// </summary>
public sealed class SilentNodeTimeoutTests : IDisposable
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly TcpListener _silentNode = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];
    private readonly ManualClock _clock = new();

    public SilentNodeTimeoutTests() => _silentNode.Start();

    private IPEndPoint NodeEndPoint => (IPEndPoint)_silentNode.LocalEndpoint;

    [Fact]
    public async Task Runner_fails_the_run_when_the_node_never_answers_the_handshake()
    {
        var plan = new SegmentPlan(0, 0, 2, 0, [0, 40], [], 0, 80);
        using var store = new SegmentResultStore();
        var runner = new Vtr1SegmentRunner(Info(), [plan], Settings(), store, ActorRefs.Nobody) { IdleTimeout = IdleTimeout, Clock = _clock };
        var lease = new SegmentLease(
            JobId.New("t"), new SegmentSpec(0, 0, 80, 2), LeaseId.New(), new NodeId("silent"),
            "127.0.0.1", NodeEndPoint.Port, SegmentTransport.Packets, "h264", "h264");
        var accepting = AcceptAsync();

        var running = runner.RunAsync(lease, CancellationToken.None);
        await accepting.WaitAsync(Bound);
        // Two timers: the connect's (which the accepting listener answers at once), then the handshake's.
        await _clock.WaitUntilArmedAsync(CancellationToken.None).WaitAsync(Bound);
        await _clock.WaitUntilArmedAsync(CancellationToken.None).WaitAsync(Bound);

        _clock.Advance(IdleTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(running.IsCompleted, "the run ended before the idle timeout");
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = await running.WaitAsync(Bound);

        Assert.False(result.Succeeded);
        Assert.Contains("no handshake from the node within 30 s", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receiver_fails_when_the_node_sends_nothing_for_the_idle_timeout()
    {
        var accepting = AcceptAsync();
        await using var client = await Vtr1Client.ConnectAsync(NodeEndPoint, CancellationToken.None);
        await accepting.WaitAsync(Bound);

        var receiving = SegmentPacketReceiver.ReceiveAsync(client, 2, () => { }, IdleTimeout, _clock, CancellationToken.None);
        await _clock.WaitUntilArmedAsync(CancellationToken.None).WaitAsync(Bound);
        _clock.Advance(IdleTimeout);

        var error = await Assert.ThrowsAsync<SegmentRunException>(() => receiving.WaitAsync(Bound));
        Assert.Contains("node sent nothing for 30 s after 0 of 2 packets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receiver_cancelled_by_the_caller_is_a_cancellation_not_a_timeout()
    {
        var accepting = AcceptAsync();
        await using var client = await Vtr1Client.ConnectAsync(NodeEndPoint, CancellationToken.None);
        await accepting.WaitAsync(Bound);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => SegmentPacketReceiver.ReceiveAsync(client, 2, () => { }, Bound, TimeProvider.System, cancelled.Token).WaitAsync(Bound));
    }

    public void Dispose()
    {
        foreach (var socket in _accepted)
        {
            socket.Dispose();
        }

        _clock.Dispose();
        _silentNode.Stop();
        _silentNode.Dispose();
    }

    /// <summary>Accepts one connection and keeps it open without ever writing to it.</summary>
    private async Task AcceptAsync() => _accepted.Add(await _silentNode.AcceptSocketAsync());

    private static MediaInfo Info() =>
        new("in.mp4", "mp4", [], 0, VideoCodec.H264, new Rational(1, 1000), 64, 64, "yuv420p", 8, [], [], TimeSpan.FromSeconds(0.08));

    private static SegmentEncodeSettings Settings() =>
        new(VideoCodec.H264, 100_000, null, "", WireCompression.None, TransportChoice.Packets);
}
