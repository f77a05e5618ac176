using System.Security.Cryptography;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;
using Vtr.Testing.Processes;
using Xunit.Abstractions;

namespace Vtr.Node.MacEncoder.Tests.Codecs.FFmpeg;

/// <summary>
/// A decode session with <see cref="DecoderSettings.OutputInDecodeOrder"/> driven the way the lock-step
/// client of WIRE.md §3.3 drives it: submit one packet, take what comes out, and only then submit the next.
/// </summary>
[Trait("Category", "Native")]
public sealed class DecodeOrderOutputTests(ITestOutputHelper output) : IDisposable
{
    private const int FrameCount = 30;
    private readonly string _dir = Directory.CreateTempSubdirectory("vtr-decode-order-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [NativeFact("libx265")]
    public void Hevc_b_frame_stream_yields_one_picture_for_every_packet_before_the_next_is_sent()
    {
        var (units, expectedHashes) = CliStream(VideoCodec.Hevc, "-c:v libx265 -preset veryfast -x265-params log-level=error:bframes=4:keyint=15:aud=1");
        using var decoder = new FFmpegVideoDecoder(new DecoderSettings(VideoCodec.Hevc, 320, 240, WirePixelFormat.Nv12, ReadOnlyMemory<byte>.Empty, OutputInDecodeOrder: true));

        var (perPacket, pictures) = DecodeLockStep(decoder, units.Select((u, i) => new EncodedPacketInput(u, i, i, 1, i == 0)));

        Assert.All(perPacket, n => Assert.Equal(1, n));
        Assert.Equal(Enumerable.Range(0, FrameCount).Select(i => (long)i), pictures.Select(p => p.Pts)); // decode order
        Assert.Equal(expectedHashes, HashesOf(pictures));
        pictures.ForEach(p => p.Dispose());
    }

    [NativeFact("libx265")]
    public void Hevc_parameter_sets_from_hvcc_extradata_are_rewritten_too()
    {
        using var encoder = TestVideo.Encoder(TestVideo.Settings(VideoCodec.Hevc, WirePixelFormat.Nv12, bframes: 4));
        var packets = TestVideo.EncodeAll(encoder, Enumerable.Range(0, FrameCount).Select(i => TestVideo.Frame(WirePixelFormat.Nv12, 320, 240, i)));
        using var decoder = new FFmpegVideoDecoder(
            new DecoderSettings(VideoCodec.Hevc, 320, 240, WirePixelFormat.Nv12, encoder.DecoderConfigurationRecord, OutputInDecodeOrder: true));

        var (perPacket, pictures) = DecodeLockStep(decoder, packets.Select(p => new EncodedPacketInput(p.Data, p.Pts, p.Dts, p.Duration, p.IsKeyframe)));

        Assert.All(perPacket, n => Assert.Equal(1, n));
        Assert.Equal(packets.Select(p => p.Pts), pictures.Select(p => p.Pts));
        Assert.Equal(packets.Select(p => p.Pts).Order(), pictures.Select(p => p.Pts).Order());
        pictures.ForEach(p => p.Dispose());
        packets.ForEach(p => p.Dispose());
    }

    [NativeFact("libx264")]
    public void H264_b_frame_stream_yields_one_picture_for_every_packet_before_the_next_is_sent()
    {
        // 320x180 is coded as 320x192: the pictures taken at allocation time must be cropped like FFmpeg's own.
        var (units, expectedHashes) = CliStream(VideoCodec.H264, "-c:v libx264 -preset veryfast -bf 3 -b_strategy 0 -g 15 -x264-params aud=1:b-pyramid=normal", "320x180");
        using var decoder = new FFmpegVideoDecoder(new DecoderSettings(VideoCodec.H264, 320, 180, WirePixelFormat.Nv12, ReadOnlyMemory<byte>.Empty, OutputInDecodeOrder: true));

        var (perPacket, pictures) = DecodeLockStep(decoder, units.Select((u, i) => new EncodedPacketInput(u, i, i, 1, i == 0)));

        Assert.True(decoder.OutputsInDecodeOrder);
        Assert.All(perPacket, n => Assert.Equal(1, n));
        Assert.Equal(Enumerable.Range(0, FrameCount).Select(i => (long)i), pictures.Select(p => p.Pts)); // decode order
        Assert.All(pictures, p => Assert.Equal((320, 180), (p.Width, p.Height)));
        Assert.Equal(expectedHashes, HashesOf(pictures));
        pictures.ForEach(p => p.Dispose());
    }

    [NativeFact("libx264")]
    public void Interlaced_h264_with_b_frames_yields_every_picture_complete_and_in_decode_order()
    {
        // x264 codes interlaced video as MBAFF frames (frame_mbs_only_flag 0, field_pic_flag 0): crop rows count twice.
        var (units, expectedHashes) = CliStream(VideoCodec.H264, "-c:v libx264 -preset veryfast -bf 2 -g 15 -flags +ildct+ilme -x264-params aud=1:tff=1", "320x180");
        using var decoder = new FFmpegVideoDecoder(new DecoderSettings(VideoCodec.H264, 320, 180, WirePixelFormat.Nv12, ReadOnlyMemory<byte>.Empty, OutputInDecodeOrder: true));

        var (perPacket, pictures) = DecodeLockStep(decoder, units.Select((u, i) => new EncodedPacketInput(u, i, i, 1, i == 0)));

        Assert.All(perPacket, n => Assert.Equal(1, n));
        Assert.All(pictures, p => Assert.Equal((320, 180), (p.Width, p.Height)));
        Assert.Equal(expectedHashes, HashesOf(pictures));
        pictures.ForEach(p => p.Dispose());
    }

    [NativeFact("libx264", "libx265")]
    public void A_packet_of_parameter_sets_alone_is_taken_and_yields_no_picture()
    {
        foreach (var (codec, encoder) in new[]
        {
            (VideoCodec.H264, "-c:v libx264 -preset veryfast -bf 2 -g 15 -x264-params aud=1"),
            (VideoCodec.Hevc, "-c:v libx265 -preset veryfast -x265-params log-level=error:bframes=2:keyint=15:aud=1"),
        })
        {
            var (units, expectedHashes) = CliStream(codec, encoder);
            var (parameterSets, firstPicture) = SplitParameterSets(codec, units[0]);
            using var decoder = new FFmpegVideoDecoder(new DecoderSettings(codec, 320, 240, WirePixelFormat.Nv12, ReadOnlyMemory<byte>.Empty, OutputInDecodeOrder: true));
            IEnumerable<EncodedPacketInput> packets =
            [
                new(parameterSets, -1, -1, 0, false),
                new(firstPicture, 0, 0, 1, true),
                .. units.Skip(1).Select((u, i) => new EncodedPacketInput(u, i + 1, i + 1, 1, false)),
            ];

            var (perPacket, pictures) = DecodeLockStep(decoder, packets);

            Assert.Equal([0, .. Enumerable.Repeat(1, FrameCount)], perPacket);
            Assert.Equal(expectedHashes, HashesOf(pictures));
            pictures.ForEach(p => p.Dispose());
        }
    }

    [NativeFact("libx264")]
    public void H264_pictures_come_out_in_decode_order_with_the_parameter_sets_from_avcc_extradata()
    {
        using var encoder = TestVideo.Encoder(TestVideo.Settings(VideoCodec.H264, WirePixelFormat.Nv12, 3, 320, 180));
        var packets = TestVideo.EncodeAll(encoder, Enumerable.Range(0, FrameCount).Select(i => TestVideo.Frame(WirePixelFormat.Nv12, 320, 180, i)));
        using var decoder = new FFmpegVideoDecoder(
            new DecoderSettings(VideoCodec.H264, 320, 180, WirePixelFormat.Nv12, encoder.DecoderConfigurationRecord, OutputInDecodeOrder: true));

        var (perPacket, pictures) = DecodeLockStep(decoder, packets.Select(p => new EncodedPacketInput(p.Data, p.Pts, p.Dts, p.Duration, p.IsKeyframe)));

        Assert.All(perPacket, n => Assert.Equal(1, n));
        Assert.Equal(packets.Select(p => p.Pts), pictures.Select(p => p.Pts));
        Assert.NotEqual(pictures.Select(p => p.Pts).Order(), pictures.Select(p => p.Pts)); // B-frames really were reordered
        Assert.All(pictures, p => Assert.Equal((320, 180), (p.Width, p.Height)));
        pictures.ForEach(p => p.Dispose());
        packets.ForEach(p => p.Dispose());
    }

    /// <summary>Pictures received after each submit (before the next), then the rest after Flush.</summary>
    private (List<int> PerPacket, List<DecodedPicture> Pictures) DecodeLockStep(IVideoDecoder decoder, IEnumerable<EncodedPacketInput> packets)
    {
        var perPacket = new List<int>();
        var pictures = new List<DecodedPicture>();
        foreach (var packet in packets)
        {
            Assert.Equal(SubmitResult.Accepted, decoder.Submit(packet));
            var before = pictures.Count;
            while (decoder.Receive(out var picture) == ReceiveResult.Output)
            {
                pictures.Add(picture!);
            }

            perPacket.Add(pictures.Count - before);
        }

        decoder.Flush();
        while (decoder.Receive(out var picture) == ReceiveResult.Output)
        {
            pictures.Add(picture!);
        }

        output.WriteLine("pictures per packet: " + string.Join(",", perPacket));
        return (perPacket, pictures);
    }

    /// <summary>An ffmpeg CLI stream split into access units at its AUDs, and ffmpeg's own NV12 framemd5 hashes (sorted).</summary>
    private (List<byte[]> Units, List<string> Hashes) CliStream(VideoCodec codec, string encoder, string size = "320x240")
    {
        var format = codec.ToWireName();
        var stream = Path.Combine(_dir, $"stream.{format}");
        var framemd5 = Path.Combine(_dir, $"stream.framemd5");
        Run($"-f lavfi -i testsrc2=size={size}:rate=30 -frames:v {FrameCount} -pix_fmt yuv420p {encoder} -f {format} {stream}");
        Run($"-f {format} -i {stream} -pix_fmt nv12 -f framemd5 {framemd5}");
        var hashes = File.ReadAllLines(framemd5).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split(',')[^1].Trim()).Order(StringComparer.Ordinal).ToList();
        var units = SplitOnAccessUnitDelimiters(codec, File.ReadAllBytes(stream));
        Assert.Equal(FrameCount, units.Count);
        Assert.Equal(FrameCount, hashes.Count);
        return (units, hashes);
    }

    private static List<string> HashesOf(List<DecodedPicture> pictures) =>
        [.. pictures.Select(Md5OfPackedNv12).Order(StringComparer.Ordinal)];

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

    /// <summary>The leading non-picture NALs of an access unit (AUD, parameter sets, SEI) and the rest.</summary>
    private static (byte[] ParameterSets, byte[] Picture) SplitParameterSets(VideoCodec codec, byte[] unit)
    {
        var reader = NalUnitReader.ForAnnexB(unit);
        while (reader.TryReadNext(out var range))
        {
            var start = range.Offset - 3; // the NAL's start code: 00 00 01, or 00 00 00 01
            if (start > 0 && unit[start - 1] == 0)
            {
                start--;
            }

            if (!AnnexB.HoldsOnlyNonPictureNals(codec, unit.AsSpan(start, range.Length + range.Offset - start)))
            {
                return (unit[..start], unit[start..]);
            }
        }

        throw new InvalidOperationException("the access unit has no picture");
    }

    private static List<byte[]> SplitOnAccessUnitDelimiters(VideoCodec codec, byte[] stream)
    {
        var starts = new List<int>();
        var reader = NalUnitReader.ForAnnexB(stream);
        while (reader.TryReadNext(out var range))
        {
            var nal = stream.AsSpan(range.Offset, range.Length);
            var isAud = codec == VideoCodec.Hevc ? HevcNalUnitType.Of(nal) == 35 : H264NalUnitType.Of(nal) == 9;
            if (isAud)
            {
                starts.Add(range.Offset - 3);
            }
        }

        starts.Add(stream.Length);
        return [.. starts.Zip(starts.Skip(1), (a, b) => stream[a..b])];
    }

    private static void Run(string arguments) => ToolRun.Ffmpeg(arguments, TimeSpan.FromSeconds(60));
}
