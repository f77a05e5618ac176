using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs.FFmpeg;

/// <summary>Generated pictures and encode/decode loops shared by the native tests.</summary>
internal static class TestVideo
{
    public static EncoderSettings Settings(VideoCodec codec, WirePixelFormat pixel, int bframes, int width = 320, int height = 240,
        EncoderOptions? options = null) =>
        new(codec, width, height, pixel, new Rational(1, 90000), new Rational(30, 1),
            (options ?? new EncoderOptions { Gop = 60 }) with { MaxBFrames = bframes });

    /// <summary>A moving diagonal gradient with a moving box, padded stride like FFmpeg's frames.</summary>
    public static (byte[] Luma, byte[] Chroma, int Stride) Picture(WirePixelFormat pixel, int width, int height, int index)
    {
        var bps = pixel == WirePixelFormat.P010 ? 2 : 1;
        var stride = (width * bps) + 32;
        var luma = new byte[stride * height];
        var chroma = new byte[stride * (height / 2)];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inBox = x >= (index * 3) % width && x < ((index * 3) % width) + 40 && y >= 60 && y < 120;
                var v = inBox ? 235 : 16 + ((x + y + (index * 4)) % 200);
                Put(luma, (y * stride) + (x * bps), v, pixel);
            }
        }

        for (var y = 0; y < height / 2; y++)
        {
            for (var x = 0; x < width / 2; x++)
            {
                Put(chroma, (y * stride) + (2 * x * bps), 128 + ((x + index) % 64) - 32, pixel);
                Put(chroma, (y * stride) + (((2 * x) + 1) * bps), 128 + ((y + index) % 64) - 32, pixel);
            }
        }

        return (luma, chroma, stride);
    }

    private static void Put(byte[] plane, int offset, int value8, WirePixelFormat pixel)
    {
        if (pixel == WirePixelFormat.P010)
        {
            var v = (ushort)((value8 << 2) << 6);
            plane[offset] = (byte)v;
            plane[offset + 1] = (byte)(v >> 8);
        }
        else
        {
            plane[offset] = (byte)value8;
        }
    }

    public static RawVideoFrame Frame(WirePixelFormat pixel, int width, int height, int index, bool forceKey = false)
    {
        var (luma, chroma, stride) = Picture(pixel, width, height, index);
        return new RawVideoFrame(index * 3000L, 3000, forceKey,
            new PlaneView(luma, stride, height), new PlaneView(chroma, stride, height / 2));
    }

    /// <summary>Submits every frame (draining as the API asks), flushes and returns all packets in output order.</summary>
    public static List<EncodedPacket> EncodeAll(IVideoEncoder encoder, IEnumerable<RawVideoFrame> frames, Action<int, EncodedPacket>? onPacket = null)
    {
        var packets = new List<EncodedPacket>();
        var submitted = 0;
        foreach (var frame in frames)
        {
            while (encoder.Submit(frame) == SubmitResult.NeedsDrain)
            {
                Drain(encoder, packets, submitted, onPacket);
            }

            submitted++;
            Drain(encoder, packets, submitted, onPacket);
        }

        encoder.Flush();
        while (encoder.Receive(out var packet) == ReceiveResult.Output)
        {
            onPacket?.Invoke(submitted, packet!);
            packets.Add(packet!);
        }

        return packets;
    }

    private static void Drain(IVideoEncoder encoder, List<EncodedPacket> packets, int submitted, Action<int, EncodedPacket>? onPacket)
    {
        while (encoder.Receive(out var packet) == ReceiveResult.Output)
        {
            onPacket?.Invoke(submitted, packet!);
            packets.Add(packet!);
        }
    }

    public static List<DecodedPicture> DecodeAll(IVideoDecoder decoder, IEnumerable<EncodedPacketInput> packets)
    {
        var pictures = new List<DecodedPicture>();
        foreach (var packet in packets)
        {
            while (decoder.Submit(packet) == SubmitResult.NeedsDrain)
            {
                DrainPictures(decoder, pictures);
            }

            DrainPictures(decoder, pictures);
        }

        decoder.Flush();
        while (decoder.Receive(out var picture) == ReceiveResult.Output)
        {
            pictures.Add(picture!);
        }

        return pictures;
    }

    private static void DrainPictures(IVideoDecoder decoder, List<DecodedPicture> pictures)
    {
        while (decoder.Receive(out var picture) == ReceiveResult.Output)
        {
            pictures.Add(picture!);
        }
    }

    /// <summary>PSNR of the 8-bit (or top 8 bits of 10-bit) luma of two pictures.</summary>
    public static double LumaPsnr(ReadOnlySpan<byte> a, int strideA, ReadOnlySpan<byte> b, int strideB, int width, int height, int bps)
    {
        double sum = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var va = bps == 2 ? (a[(y * strideA) + (2 * x)] | (a[(y * strideA) + (2 * x) + 1] << 8)) >> 8 : a[(y * strideA) + x];
                var vb = bps == 2 ? (b[(y * strideB) + (2 * x)] | (b[(y * strideB) + (2 * x) + 1] << 8)) >> 8 : b[(y * strideB) + x];
                double d = va - vb;
                sum += d * d;
            }
        }

        return Vtr.Shared.Media.Psnr.FromMeanSquaredError(sum / (width * height));
    }

    public static FFmpegVideoEncoder Encoder(EncoderSettings settings) => new(settings, new FFmpegBackendOptions());
}
