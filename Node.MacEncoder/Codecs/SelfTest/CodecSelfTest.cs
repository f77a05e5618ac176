using System.Diagnostics;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.SelfTest;

/// <summary>
/// Clip shape for a self-test run; the default is 120 frames of 1280×720 NV12 at 30 fps. With P010 the pattern is
/// widened to 10 bits and PSNR is measured on the decoded samples' top 8 bits.
/// </summary>
public sealed record SelfTestOptions(int Width = 1280, int Height = 720, int FrameCount = 120, long Bitrate = 4_000_000,
    WirePixelFormat PixelFormat = WirePixelFormat.Nv12);

/// <summary>One codec's outcome. <see cref="Error"/> is set (and the numbers partial) when a step failed.</summary>
public sealed record CodecSelfTestResult(
    string Backend,
    VideoCodec Codec,
    int FramesIn,
    int PacketsOut,
    long EncodedBytes,
    double EncodeFps,
    int FramesDecoded,
    double DecodeFps,
    double LumaPsnr,
    string? Error)
{
    public bool Succeeded => Error is null && PacketsOut == FramesIn && FramesDecoded == FramesIn;
}

/// <summary>
/// <c>vtr node --self-test</c>: for every codec a backend can encode, encodes a generated moving pattern, decodes
/// it again (when the backend can decode that codec) and reports fps, bytes and luma PSNR. Works with any
/// <see cref="ICodecBackend"/>; it never sees actors or sockets.
/// </summary>
public static class CodecSelfTest
{
    public static IReadOnlyList<CodecSelfTestResult> Run(ICodecBackend backend, SelfTestOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        options ??= new SelfTestOptions();
        var results = new List<CodecSelfTestResult>();
        foreach (var codec in backend.EncodeCodecs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(RunCodec(backend, codec, options, cancellationToken));
        }

        return results;
    }

    public static CodecSelfTestResult RunCodec(ICodecBackend backend, VideoCodec codec, SelfTestOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(options);
        var clip = new TestPattern(options.Width, options.Height);
        var packets = new List<EncodedPacket>(options.FrameCount);
        byte[] extradata = [];
        var encodeSeconds = 0.0;
        try
        {
            encodeSeconds = Encode(backend, codec, options, clip, packets, out extradata, cancellationToken);
            var encodedBytes = packets.Sum(p => (long)p.Length);
            var encodeFps = encodeSeconds > 0 ? options.FrameCount / encodeSeconds : 0;
            if (!backend.DecodeCodecs.Contains(codec))
            {
                return new CodecSelfTestResult(backend.Name, codec, options.FrameCount, packets.Count, encodedBytes, encodeFps, 0, 0, 0,
                    $"{backend.Name} cannot decode {codec.ToWireName()}; PSNR not measured");
            }

            var (decoded, decodeSeconds, psnr) = DecodeAndMeasure(backend, codec, options, clip, packets, extradata, cancellationToken);
            return new CodecSelfTestResult(backend.Name, codec, options.FrameCount, packets.Count, encodedBytes, encodeFps, decoded,
                decodeSeconds > 0 ? decoded / decodeSeconds : 0, psnr, null);
        }
        catch (CodecException ex)
        {
            return new CodecSelfTestResult(backend.Name, codec, options.FrameCount, packets.Count, packets.Sum(p => (long)p.Length),
                0, 0, 0, 0, ex.Message);
        }
        finally
        {
            foreach (var packet in packets)
            {
                packet.Dispose();
            }
        }
    }

    private static double Encode(ICodecBackend backend, VideoCodec codec, SelfTestOptions options, TestPattern clip,
        List<EncodedPacket> packets, out byte[] extradata, CancellationToken cancellationToken)
    {
        var settings = new EncoderSettings(codec, options.Width, options.Height, options.PixelFormat, new Rational(1, 30),
            new Rational(30, 1), new EncoderOptions { Bitrate = options.Bitrate, Gop = 60, Realtime = 0, Entropy = 0 });
        var frames = new TestPatternFrames(clip, options.PixelFormat);
        var stopwatch = Stopwatch.StartNew();
        using var encoder = backend.CreateEncoder(settings);
        for (var i = 0; i < options.FrameCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var frame = frames.Render(i);
            while (encoder.Submit(frame) == SubmitResult.NeedsDrain)
            {
                DrainEncoder(encoder, packets);
            }

            DrainEncoder(encoder, packets);
        }

        encoder.Flush();
        DrainEncoder(encoder, packets);
        extradata = encoder.DecoderConfigurationRecord.ToArray();
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static (int Decoded, double Seconds, double Psnr) DecodeAndMeasure(ICodecBackend backend, VideoCodec codec,
        SelfTestOptions options, TestPattern clip, List<EncodedPacket> packets, byte[] extradata, CancellationToken cancellationToken)
    {
        var psnr = new PsnrAccumulator();
        var reference = new byte[clip.LumaStride * options.Height];
        var referenceChroma = new byte[clip.LumaStride * (options.Height / 2)];
        byte[] narrow = [];
        var decoded = 0;
        var stopwatch = Stopwatch.StartNew();
        using var decoder = backend.CreateDecoder(new DecoderSettings(codec, options.Width, options.Height, options.PixelFormat, extradata));
        void Collect()
        {
            while (decoder.Receive(out var output) == ReceiveResult.Output)
            {
                using var picture = output!; // Output always carries a picture
                clip.Render((int)Math.Clamp(picture.Pts, 0, options.FrameCount - 1), reference, referenceChroma);
                var lumaBytes = picture.Luma.Data.Span;
                var lumaStride = picture.LumaStride;
                if (options.PixelFormat == WirePixelFormat.P010)
                {
                    lumaStride /= 2;
                    narrow = narrow.Length >= lumaBytes.Length / 2 ? narrow : new byte[lumaBytes.Length / 2];
                    P010Samples.Narrow(lumaBytes, narrow);
                    lumaBytes = narrow;
                }

                psnr.Add(reference, clip.LumaStride, lumaBytes, lumaStride, options.Width, options.Height);
                decoded++;
            }
        }

        foreach (var packet in packets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var input = new EncodedPacketInput(packet.Data, packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe);
            while (decoder.Submit(input) == SubmitResult.NeedsDrain)
            {
                Collect();
            }

            Collect();
        }

        decoder.Flush();
        Collect();
        return (decoded, stopwatch.Elapsed.TotalSeconds, psnr.Average);
    }

    private static void DrainEncoder(IVideoEncoder encoder, List<EncodedPacket> packets)
    {
        while (encoder.Receive(out var packet) == ReceiveResult.Output)
        {
            packets.Add(packet!);
        }
    }
}
