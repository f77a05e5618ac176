using System.Net;
using System.Threading.Channels;
using Vtr.Cli.Transport;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Cli.Benchmarks;

/// <summary>
/// The clip through a node over TCP, driven like FFmpeg's remote encoder: one session, a sender task that keeps
/// at most <c>window</c> frames in flight and a receiver task that counts PACKETs and returns their credits.
/// Timing starts after CONFIGURE_ACK (the encoder is open, as in the local run) and stops at DONE.
/// </summary>
internal sealed class RemoteEncodeRun
{
    private const string ClientName = "vtr-bench";

    private readonly CameraClip _clip;
    private readonly int _frames;
    private readonly Channel<bool> _credits;

    private RemoteEncodeRun(CameraClip clip, int frames, int window)
    {
        _clip = clip;
        _frames = frames;
        _credits = Channel.CreateBounded<bool>(new BoundedChannelOptions(window) { SingleReader = true, SingleWriter = true });
        for (var i = 0; i < window; i++)
        {
            _credits.Writer.TryWrite(true);
        }
    }

    public static string ModeName(WireCompression compression) => "remote " + CompressionNames.Format(compression);

    /// <param name="upstreamBytes">The FRAME bytes this run writes, known in advance (see <see cref="WireSizes"/>).</param>
    public static async Task<RunMeasurement> RunAsync(EndPoint node, BenchEncodeSettings settings, WireCompression compression,
        CameraClip clip, int frames, int window, long upstreamBytes, CancellationToken ct)
    {
        await using var client = await Vtr1Client.ConnectAsync(node, ct).ConfigureAwait(false);
        await client.HelloAsync("", settings.Codec, ClientName, ct).ConfigureAwait(false);
        await client.ConfigureAsync(settings.ToConfigure(compression), ct).ConfigureAwait(false);

        var run = new RemoteEncodeRun(clip, frames, window);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clock = RunClock.Start();
        var sending = Task.Run(() => run.SendAsync(client, failed.Token), failed.Token);
        int packets;
        long packetBytes;
        try
        {
            (packets, packetBytes) = await run.ReceiveAsync(client, ct).ConfigureAwait(false);
        }
        catch
        {
            // The sender may be waiting for a credit that will never come.
            await failed.CancelAsync().ConfigureAwait(false);
            await sending.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        await sending.ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var cpu = clock.ProcessCpu;
        var downstream = packetBytes + ((long)packets * WireSizes.PacketOverheadBytes);
        return new RunMeasurement(ModeName(compression), frames, packets, packetBytes, upstreamBytes, downstream, elapsed, cpu);
    }

    /// <summary>The send loop: wait for a credit, write the FRAME from the pre-rendered planes, flush. No allocation per frame.</summary>
    private async Task SendAsync(Vtr1Client client, CancellationToken ct)
    {
        var credits = _credits.Reader;
        for (var i = 0; i < _frames; i++)
        {
            await credits.ReadAsync(ct).ConfigureAwait(false);
            await client.SendFrameAsync(i, 1, false, _clip.Luma(i), _clip.Chroma(i), ct).ConfigureAwait(false);
        }

        await client.SendAsync(FlushMessage.Instance, ct).ConfigureAwait(false);
    }

    private async Task<(int Packets, long Bytes)> ReceiveAsync(Vtr1Client client, CancellationToken ct)
    {
        var packets = 0;
        long bytes = 0;
        while (true)
        {
            var message = await client.ReceiveAsync(ct).ConfigureAwait(false);
            switch (message)
            {
                case PacketMessage packet:
                    packets++;
                    bytes += packet.Data.Length;
                    _credits.Writer.TryWrite(true);
                    break;
                case DoneMessage:
                    return (packets, bytes);
                case ErrorMessage error:
                    throw new Vtr1SessionRefusedException($"node error {error.Code}: {error.Message}");
                case null:
                    throw new Vtr1SessionRefusedException($"node closed the session after {packets} of {_frames} packets");
                default:
                    // PING and friends: the encoder session has nothing to answer while frames are in flight.
                    break;
            }
        }
    }
}
