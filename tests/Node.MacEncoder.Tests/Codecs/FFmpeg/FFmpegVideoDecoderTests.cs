using System.Security.Cryptography;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;
using Vtr.Testing.Processes;
using Xunit.Abstractions;

namespace Vtr.Node.MacEncoder.Tests.Codecs.FFmpeg;

[Trait("Category", "Native")]
public sealed class FFmpegVideoDecoderTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan FfmpegTimeout = TimeSpan.FromSeconds(60);

    private readonly string _dir = Directory.CreateTempSubdirectory("vtr-ffmpeg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [NativeFact("libx264")]
    public void Decoding_an_ffmpeg_cli_stream_matches_ffmpeg_framemd5_for_nv12()
    {
        var stream = Path.Combine(_dir, "cli.264");
        ToolRun.Ffmpeg($"-f lavfi -i testsrc2=size=320x240:rate=30 -frames:v 40 -pix_fmt yuv420p -c:v libx264 -preset veryfast -bf 2 -g 20 -x264-params aud=1 -f h264 {stream}", FfmpegTimeout);
        var framemd5 = ToolRun.Ffmpeg($"-i {stream} -pix_fmt nv12 -f framemd5 -", FfmpegTimeout);

        var expected = framemd5.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split(',')[^1].Trim()).ToList();
        var units = SplitOnAccessUnitDelimiters(File.ReadAllBytes(stream));
        Assert.Equal(40, units.Count);

        using var decoder = new FFmpegVideoDecoder(new DecoderSettings(VideoCodec.H264, 320, 240, WirePixelFormat.Nv12, ReadOnlyMemory<byte>.Empty));
        var pictures = TestVideo.DecodeAll(decoder, units.Select((u, i) => new EncodedPacketInput(u, i, i, 1, false)));
        var actual = pictures.Select(Md5OfPackedNv12).ToList();
        var pts = pictures.Select(p => p.Pts).ToList();
        pictures.ForEach(p => p.Dispose());
        Assert.Equal(expected, actual);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), pts.Order()); // every packet's pts comes back once
    }

    [NativeFact("libx264")]
    public void Low_delay_mode_lags_only_by_the_streams_declared_reorder_depth_then_outputs_one_picture_per_packet()
    {
        using var encoder = TestVideo.Encoder(TestVideo.Settings(VideoCodec.H264, WirePixelFormat.Nv12, bframes: 3));
        var packets = TestVideo.EncodeAll(encoder, Enumerable.Range(0, 30).Select(i => TestVideo.Frame(WirePixelFormat.Nv12, 320, 240, i)));
        using var decoder = new FFmpegVideoDecoder(
            new DecoderSettings(VideoCodec.H264, 320, 240, WirePixelFormat.Nv12, encoder.DecoderConfigurationRecord),
            new FFmpegBackendOptions(DecodeInDecodeOrder: true));
        var lag = new List<int>();
        var pictures = new List<DecodedPicture>();
        foreach (var p in packets)
        {
            Assert.Equal(SubmitResult.Accepted, decoder.Submit(new EncodedPacketInput(p.Data, p.Pts, p.Dts, p.Duration, p.IsKeyframe)));
            var before = pictures.Count;
            while (decoder.Receive(out var picture) == ReceiveResult.Output)
            {
                pictures.Add(picture!);
            }

            lag.Add(pictures.Count - before);
        }

        decoder.Flush();
        while (decoder.Receive(out var picture) == ReceiveResult.Output)
        {
            pictures.Add(picture!);
        }

        output.WriteLine("pictures per packet: " + string.Join(",", lag));
        Assert.Equal(packets.Select(p => p.Pts).Order(), pictures.Select(p => p.Pts).Order());
        // FFmpeg's h264 decoder still honours the SPS's max_num_reorder_frames (x264 writes it), so the first
        // pictures wait for that many packets; after that, lock-step: one picture per packet.
        var reorder = lag.TakeWhile(n => n == 0).Count();
        Assert.InRange(reorder, 0, 3);
        Assert.All(lag.Skip(reorder), n => Assert.Equal(1, n));
        pictures.ForEach(p => p.Dispose());
        packets.ForEach(p => p.Dispose());
    }

    [NativeFact("libx265")]
    public void A_10_bit_hevc_stream_requested_as_nv12_is_down_converted()
    {
        using var encoder = TestVideo.Encoder(TestVideo.Settings(VideoCodec.Hevc, WirePixelFormat.P010, bframes: 0));
        var source = Enumerable.Range(0, 5).Select(i => TestVideo.Frame(WirePixelFormat.P010, 320, 240, i)).ToList();
        var packets = TestVideo.EncodeAll(encoder, source);
        using var decoder = new FFmpegVideoDecoder(new DecoderSettings(VideoCodec.Hevc, 320, 240, WirePixelFormat.Nv12, encoder.DecoderConfigurationRecord));
        var pictures = TestVideo.DecodeAll(decoder, packets.Select(p => new EncodedPacketInput(p.Data, p.Pts, p.Dts, p.Duration, p.IsKeyframe)));
        Assert.Equal(5, pictures.Count);
        foreach (var picture in pictures)
        {
            Assert.Equal(WirePixelFormat.Nv12, picture.Format);
            var (luma8, _, stride8) = TestVideo.Picture(WirePixelFormat.Nv12, 320, 240, (int)(picture.Pts / 3000));
            Assert.True(TestVideo.LumaPsnr(luma8, stride8, picture.Luma.Data.Span, picture.LumaStride, 320, 240, 1) > 35);
            picture.Dispose();
        }

        packets.ForEach(p => p.Dispose());
    }

    private static string Md5OfPackedNv12(DecodedPicture picture)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        for (var y = 0; y < picture.Height; y++)
        {
            md5.AppendData(picture.Luma.Data.Span.Slice(y * picture.LumaStride, picture.Width));
        }

        for (var y = 0; y < picture.ChromaHeight; y++)
        {
            md5.AppendData(picture.Chroma.Data.Span.Slice(y * picture.ChromaStride, picture.Width));
        }

        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    /// <summary>Access units of an elementary stream written with x264's aud=1: each starts at an AUD NAL (type 9).</summary>
    private static List<byte[]> SplitOnAccessUnitDelimiters(byte[] stream)
    {
        var starts = new List<int>();
        var reader = NalUnitReader.ForAnnexB(stream);
        while (reader.TryReadNext(out var range))
        {
            if ((stream[range.Offset] & 0x1F) == 9)
            {
                starts.Add(range.Offset - 3);
            }
        }

        starts.Add(stream.Length);
        return [.. starts.Zip(starts.Skip(1), (a, b) => stream[a..b])];
    }
}
