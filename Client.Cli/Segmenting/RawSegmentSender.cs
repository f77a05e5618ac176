using System.Threading.Channels;
using Vtr.Cli.Media;
using Vtr.Cli.Transport;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Wire;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// Raw transport, as unmodified FFmpeg does it: decodes the segment locally (presentation order), drops pictures
/// outside <see cref="SegmentPlan.OutputPts"/>, and sends the rest as FRAMEs with at most <see cref="Window"/> in flight
/// (a credit comes back with each PACKET); the first FRAME forces a keyframe. Ends with FLUSH.
/// </summary>
internal sealed class RawSegmentSender
{
    /// <summary>Frames in flight, like FFmpeg's remote encoder.</summary>
    public const int Window = 16;

    private readonly Channel<bool> _credits = Channel.CreateBounded<bool>(new BoundedChannelOptions(Window) { SingleReader = true });

    public RawSegmentSender()
    {
        for (var i = 0; i < Window; i++)
        {
            _credits.Writer.TryWrite(true);
        }
    }

    /// <summary>Called by the receiver for every PACKET.</summary>
    public void ReturnCredit() => _credits.Writer.TryWrite(true);

    public async Task SendAsync(Vtr1Client client, MediaInfo info, SegmentPlan plan, DecoderSettings decoderSettings, CancellationToken ct)
    {
        var wanted = new HashSet<long>(plan.OutputPts);
        var sent = 0;
        using var reader = SourcePacketReader.Open(info);
        using var decoder = new FFmpegVideoDecoder(decoderSettings);
        foreach (var packet in reader.ReadSegment(plan))
        {
            var input = new EncodedPacketInput(packet.AnnexB, packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe);
            while (decoder.Submit(input) == SubmitResult.NeedsDrain)
            {
                sent = await DrainAsync(client, decoder, wanted, sent, ct).ConfigureAwait(false);
            }

            sent = await DrainAsync(client, decoder, wanted, sent, ct).ConfigureAwait(false);
        }

        decoder.Flush();
        sent = await DrainAsync(client, decoder, wanted, sent, ct).ConfigureAwait(false);
        if (sent != plan.FrameCount)
        {
            throw new SegmentRunException($"segment {plan.Index}: decoded {sent} of its {plan.FrameCount} frames locally");
        }

        await client.SendAsync(FlushMessage.Instance, ct).ConfigureAwait(false);
    }

    private async Task<int> DrainAsync(Vtr1Client client, FFmpegVideoDecoder decoder, HashSet<long> wanted, int sent, CancellationToken ct)
    {
        while (decoder.Receive(out var picture) == ReceiveResult.Output && picture is not null)
        {
            using (picture)
            {
                if (!wanted.Remove(picture.Pts))
                {
                    continue; // a leading frame of the previous GOP, decoded only as a reference
                }

                await _credits.Reader.ReadAsync(ct).ConfigureAwait(false);
                await client.SendFrameAsync(picture.Pts, picture.Duration, sent == 0, picture.Luma, picture.Chroma, ct).ConfigureAwait(false);
                sent++;
            }
        }

        return sent;
    }
}
