using System.Collections.Immutable;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>Upstream VTR1 bytes per output frame of one transport, and the frame rate a link of a given speed carries.</summary>
internal sealed record WireLoad(string Mode, long Bytes, int Frames)
{
    public double BytesPerFrame => (double)Bytes / Frames;

    /// <summary>Frames per second a link of <paramref name="bitsPerSecond"/> carries at this size (payload only, no TCP/IP headers).</summary>
    public double FpsOn(double bitsPerSecond) => bitsPerSecond / (BytesPerFrame * 8);
}

/// <summary>
/// What the client sends per frame for the job, computed with the real message writers from exactly what the
/// senders send: in packets mode every segment's source packets (open-GOP lead-in included) as PACKETs, in raw mode
/// every output picture, decoded as <see cref="RawSegmentSender"/> decodes it, as a FRAME (lz4, and uncompressed).
/// HELLO, CONFIGURE and FLUSH (well under 1 KB per segment) are left out.
/// </summary>
internal static class WireBudget
{
    public const string Packets = "packets (source H.264)";
    public const string RawLz4 = "raw NV12, lz4";
    public const string RawNone = "raw NV12, uncompressed";

    public static ImmutableArray<WireLoad> Measure(MediaInfo info, ImmutableArray<SegmentPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(info);
        var sizes = new WireSizes();
        long packetBytes = 0, lz4Bytes = 0, rawBytes = 0;
        var frames = 0;
        using var reader = SourcePacketReader.Open(info);
        foreach (var plan in plans)
        {
            var wanted = new HashSet<long>(plan.OutputPts);
            using var decoder = new FFmpegVideoDecoder(
                new DecoderSettings(info.VideoCodec, info.Width, info.Height, WirePixelFormat.Nv12, info.Extradata.AsMemory()),
                new FFmpegBackendOptions(Threads: 1));
            foreach (var packet in reader.ReadSegment(plan))
            {
                packetBytes += WireSizes.PacketOverheadBytes + packet.AnnexB.Length;
                var input = new EncodedPacketInput(packet.AnnexB, packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe);
                while (decoder.Submit(input) == SubmitResult.NeedsDrain)
                {
                    Drain(decoder, wanted, sizes, ref lz4Bytes, ref rawBytes, ref frames);
                }

                Drain(decoder, wanted, sizes, ref lz4Bytes, ref rawBytes, ref frames);
            }

            decoder.Flush();
            Drain(decoder, wanted, sizes, ref lz4Bytes, ref rawBytes, ref frames);
        }

        var total = plans.Sum(p => p.FrameCount);
        return [new(Packets, packetBytes, total), new(RawLz4, lz4Bytes, frames), new(RawNone, rawBytes, frames)];
    }

    private static void Drain(FFmpegVideoDecoder decoder, HashSet<long> wanted, WireSizes sizes, ref long lz4Bytes, ref long rawBytes, ref int frames)
    {
        while (decoder.Receive(out var picture) == ReceiveResult.Output && picture is not null)
        {
            using (picture)
            {
                if (wanted.Remove(picture.Pts))
                {
                    lz4Bytes += sizes.FrameBytes(picture.Luma, picture.Chroma, WireCompression.Lz4);
                    rawBytes += sizes.FrameBytes(picture.Luma, picture.Chroma, WireCompression.None);
                    frames++;
                }
            }
        }
    }
}
