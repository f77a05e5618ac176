using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Vtr.Cli.Jobs;
using Vtr.Cli.Media;
using Vtr.Cli.Rendering;
using Vtr.Cli.Transport;
using Vtr.Node.Codecs;
using Vtr.Shared.Cluster;
using Vtr.Shared.Security;
using Vtr.Shared.Wire;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// Runs one leased segment over VTR1: HELLO, CONFIGURE (packets transport = node-side transcode, raw = local decode
/// and FRAMEs), streams the input while a receiver collects PACKETs until DONE, then validates the result
/// (<see cref="SegmentResultValidator"/>) and hands it on (to the <see cref="SegmentResultStore"/>, or a re-encode's
/// caller). With an <see cref="EvenQualityPolicy"/>, each node encodes at the crf offset the policy learned for it.
/// Failures come back as a failed <see cref="SegmentRunResult"/> so the coordinator leases the segment elsewhere.
/// </summary>
public sealed class Vtr1SegmentRunner : ISegmentRunner
{
    private const string ClientName = "vtr-transcode";

    /// <summary>Report encoded frames to the progress listener every this many packets.</summary>
    private const int ProgressBatch = 8;

    private readonly MediaInfo _info;
    private readonly ImmutableArray<SegmentPlan> _plans;
    private readonly SegmentEncodeSettings _settings;
    private readonly Action<EncodedSegment, double> _accept;
    private readonly IActorRef _progress;

    public Vtr1SegmentRunner(MediaInfo info, ImmutableArray<SegmentPlan> plans, SegmentEncodeSettings settings, SegmentResultStore store, IActorRef progress)
        : this(info, plans, settings, (segment, _) => store.Add(segment), progress)
    {
    }

    /// <param name="accept">Takes each validated segment with the crf offset it was encoded at (0 = as requested).</param>
    public Vtr1SegmentRunner(
        MediaInfo info, ImmutableArray<SegmentPlan> plans, SegmentEncodeSettings settings, Action<EncodedSegment, double> accept, IActorRef progress)
    {
        _info = info;
        _plans = plans;
        _settings = settings;
        _accept = accept;
        _progress = progress;
    }

    /// <summary>Gives each node its learned crf offset in quality mode; null = every node as requested.</summary>
    public EvenQualityPolicy? Policy { get; init; }

    /// <summary>Default <see cref="IdleTimeout"/>.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest the node may stay silent: for the connect + HELLO + CONFIGURE handshake as a whole, then between two
    /// messages while the segment streams. A node that dies without its socket being closed (power loss, a frozen
    /// process, a cable pulled) would otherwise hold the lease until the cluster drops the member, and forever when
    /// only the VTR1 side hangs.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = DefaultIdleTimeout;

    /// <summary>The clock <see cref="IdleTimeout"/> runs on (tests pass one they advance by hand).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Steers each segment's --bitrate so the whole file lands on the target; null = every segment as asked.</summary>
    public SegmentBitrateSteering? BitrateSteering { get; init; }

    /// <summary>The farm credentials of a secured farm: segments then travel inside mutual TLS. Null: plain VTR1.</summary>
    public FarmCredentials? Farm { get; init; }

    /// <summary>The transport a lease really uses: the forced one, else the coordinator's choice.</summary>
    public static SegmentTransport EffectiveTransport(TransportChoice choice, SegmentTransport leased) => choice switch
    {
        TransportChoice.Raw => SegmentTransport.Raw,
        TransportChoice.Packets => SegmentTransport.Packets,
        _ => leased,
    };

    public async Task<SegmentRunResult> RunAsync(SegmentLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var plan = _plans[lease.Segment.Index];
        var clock = Stopwatch.StartNew();
        var spent = -1L; // the segment's video bytes once it succeeded
        try
        {
            var offset = Policy?.OffsetFor(lease.NodeId, plan.Index) ?? 0;
            var settings = offset == 0 ? _settings : _settings with { Quality = null, Crf = Policy!.CrfAt(offset) }; // offset != 0 needs a policy
            if (BitrateSteering?.Start(plan.Index) is { } steered)
            {
                settings = settings with { Bitrate = steered };
            }

            var (extradata, (packets, quality)) = await EncodeAsync(lease, plan, settings, cancellationToken).ConfigureAwait(false);
            var problem = SegmentResultValidator.Check(plan, packets);
            if (problem is not null)
            {
                return SegmentRunResult.Failure(problem);
            }

            // Without the quality check, a segment its node could not decode fails here and is encoded again.
            var measuresQuality = settings.MeasureQuality;
            var decodedOnNode = !measuresQuality && NodeQualityMeasurement.DecodedOnNode(quality, plan);
            spent = packets.Sum(p => (long)p.AnnexB.Length);

            _accept(new EncodedSegment(plan.Index, lease.LeaseId, lease.NodeId, extradata, packets)
            {
                NodeMeasurement = measuresQuality ? NodeQualityMeasurement.From(quality, plan.Index) : null,
                DecodedOnNode = decodedOnNode,
            }, offset);
            return SegmentRunResult.Success(packets.Length, clock.Elapsed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return SegmentRunResult.Failure("cancelled");
        }
        catch (Exception ex) when (ex is SegmentRunException or Vtr1SessionRefusedException or Vtr1ProtocolException
            or SocketException or IOException or MediaException or CodecException or FarmPeerRefusedException
            or System.Security.Authentication.AuthenticationException)
        {
            return SegmentRunResult.Failure($"{lease.Host}:{lease.Port}: {ex.Message}");
        }
        finally
        {
            if (spent >= 0)
            {
                BitrateSteering?.Finished(plan.Index, spent);
            }
            else
            {
                BitrateSteering?.Abandoned(plan.Index);
            }
        }
    }

    private async Task<(ReadOnlyMemory<byte> Extradata, ReceivedSegment Received)> EncodeAsync(
        SegmentLease lease, SegmentPlan plan, SegmentEncodeSettings settings, CancellationToken ct)
    {
        var transport = EffectiveTransport(settings.Transport, lease.Transport);
        var endPoint = await ResolveAsync(lease.Host, lease.Port, ct).ConfigureAwait(false);
        await using var client = await BoundedAsync("connection", t => Vtr1Client.ConnectAsync(endPoint, t, farm: Farm), ct).ConfigureAwait(false);
        var configure = transport == SegmentTransport.Packets
            ? SegmentConfiguration.ForPackets(_info, plan, settings)
            : SegmentConfiguration.ForRaw(_info, plan, settings);
        // The node matches the coordinator's word that this copy lost (SegmentCopyLost) by the lease.
        configure = configure with { Options = configure.Options.Add(new(ConfigureMessage.LeaseOption, lease.LeaseId.ConfigureValue)) };
        var ack = await BoundedAsync(
            "handshake",
            async t =>
            {
                await client.HelloAsync(settings.Token, settings.Codec, ClientName, t).ConfigureAwait(false);
                return await client.ConfigureAsync(configure, t).ConfigureAwait(false);
            },
            ct).ConfigureAwait(false);

        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var raw = transport == SegmentTransport.Raw ? new RawSegmentSender() : null;
        var progress = new ProgressCounter(_progress, lease, ProgressBatch);
        var sending = Task.Run(
            () => raw is not null
                ? raw.SendAsync(client, _info, plan, DecoderFor(configure), failed.Token)
                : PacketSegmentSender.SendAsync(client, _info, plan, failed.Token),
            failed.Token);
        ReceivedSegment received;
        try
        {
            received = await SegmentPacketReceiver.ReceiveAsync(client, plan.FrameCount, () =>
            {
                raw?.ReturnCredit();
                progress.Add();
            }, IdleTimeout, Clock, failed.Token).ConfigureAwait(false);
        }
        catch
        {
            // The sender may wait for a credit that will never come.
            await failed.CancelAsync().ConfigureAwait(false);
            await sending.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        await sending.ConfigureAwait(false);
        progress.Complete();
        return (ack.Extradata, received);
    }

    /// <summary>
    /// Runs <paramref name="step"/> (connect, or HELLO + CONFIGURE) bounded by <see cref="IdleTimeout"/>: a node that
    /// accepts but never answers becomes a <see cref="SegmentRunException"/>, the caller's cancellation stays one.
    /// </summary>
    private async Task<T> BoundedAsync<T>(string what, Func<CancellationToken, Task<T>> step, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(IdleTimeout, Clock);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            return await step(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new SegmentRunException($"no {what} from the node within {IdleTimeout.TotalSeconds:0.#} s", ex);
        }
    }

    private DecoderSettings DecoderFor(ConfigureMessage configure) =>
        new(_info.VideoCodec, _info.Width, _info.Height, configure.PixelFormat, _info.Extradata.AsMemory());

    private static async Task<EndPoint> ResolveAsync(string host, int port, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        var addresses = await Dns.GetHostAddressesAsync(host, AddressFamily.InterNetwork, ct).ConfigureAwait(false);
        return addresses.Length > 0
            ? new IPEndPoint(addresses[0], port)
            : throw new SegmentRunException($"cannot resolve node host '{host}' to an IPv4 address");
    }
}
