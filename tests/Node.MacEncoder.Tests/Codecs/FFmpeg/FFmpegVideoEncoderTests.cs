using System.Diagnostics;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;
using Xunit.Abstractions;

namespace Vtr.Node.MacEncoder.Tests.Codecs.FFmpeg;

[Trait("Category", "Native")]
public sealed class FFmpegVideoEncoderTests(ITestOutputHelper output)
{
    private const int Frames = 60;
    private const int ForcedKeyframe = 30;

    [NativeFact("libx264", "libx265")]
    public void Encoding_60_frames_with_B_frames_yields_one_packet_per_frame_with_valid_timestamps_and_round_trips()
    {
        foreach (var (codec, pixel) in new[] { (VideoCodec.H264, WirePixelFormat.Nv12), (VideoCodec.Hevc, WirePixelFormat.Nv12), (VideoCodec.Hevc, WirePixelFormat.P010) })
        {
            EncodeCheckAndDecode(codec, pixel);
        }
    }

    private void EncodeCheckAndDecode(VideoCodec codec, WirePixelFormat pixel)
    {
        using var encoder = TestVideo.Encoder(TestVideo.Settings(codec, pixel, bframes: 3));
        var frames = Enumerable.Range(0, Frames).Select(i => TestVideo.Frame(pixel, 320, 240, i, i == ForcedKeyframe)).ToList();
        var packets = TestVideo.EncodeAll(encoder, frames);
        try
        {
            Assert.Equal(Frames, packets.Count);
            Assert.Equal(frames.Select(f => f.Pts).Order(), packets.Select(p => p.Pts).Order());
            Assert.Contains(packets, p => p.Pts != p.Dts); // B-frames really reorder
            for (var i = 0; i < packets.Count; i++)
            {
                Assert.True(packets[i].Dts <= packets[i].Pts, $"{codec}: dts {packets[i].Dts} > pts {packets[i].Pts}");
                Assert.True(i == 0 || packets[i].Dts > packets[i - 1].Dts, $"{codec}: dts not increasing at {i}");
                Assert.Equal(3000, packets[i].Duration);
                Assert.Equal([0, 0, 0, 1], packets[i].Data.Span[..4].ToArray());
            }

            var forced = packets.Single(p => p.Pts == ForcedKeyframe * 3000L);
            Assert.True(forced.IsKeyframe, $"{codec}: forced frame is not a keyframe");
            Assert.True(AnnexB.ContainsKeyframe(codec, forced.Data.Span), $"{codec}: forced frame has no IDR NAL");
            Assert.True(packets[0].IsKeyframe);
            Assert.Equal(1, encoder.DecoderConfigurationRecord.Span[0]);
            Assert.Contains(encoder.Warnings, w => w.StartsWith("sw-preset=veryfast", StringComparison.Ordinal));

            var inputs = packets.Select(p => new EncodedPacketInput(p.Data, p.Pts, p.Dts, p.Duration, p.IsKeyframe)).ToList();
            using var decoder = new FFmpegVideoDecoder(new DecoderSettings(codec, 320, 240, pixel, encoder.DecoderConfigurationRecord));
            var pictures = TestVideo.DecodeAll(decoder, inputs);
            Assert.Equal(Frames, pictures.Count);
            var bps = pixel == WirePixelFormat.P010 ? 2 : 1;
            foreach (var picture in pictures)
            {
                using (picture)
                {
                    var index = (int)(picture.Pts / 3000);
                    Assert.Equal(3000, picture.Duration);
                    var source = frames[index];
                    var psnr = TestVideo.LumaPsnr(source.Luma.Data.Span, source.Luma.Stride, picture.Luma.Data.Span, picture.LumaStride, 320, 240, bps);
                    Assert.True(psnr > 35, $"{codec}/{pixel}: frame {index} PSNR {psnr:F1} dB");
                }
            }

            output.WriteLine($"{codec}/{pixel}: {packets.Count} packets, {packets.Sum(p => p.Length)} bytes, first dts {packets[0].Dts}");
        }
        finally
        {
            packets.ForEach(p => p.Dispose());
        }
    }

    [NativeFact("libx264", "libx265")]
    public void Encoder_delay_stays_within_8_frames_for_both_codecs_with_and_without_B_frames()
    {
        var delays = new List<int>();
        foreach (var codec in new[] { VideoCodec.H264, VideoCodec.Hevc })
        {
            foreach (var bframes in new[] { 0, 3 })
            {
                using var encoder = TestVideo.Encoder(TestVideo.Settings(codec, WirePixelFormat.Nv12, bframes));
                var firstAt = -1;
                var packets = TestVideo.EncodeAll(encoder,
                    Enumerable.Range(0, 30).Select(i => TestVideo.Frame(WirePixelFormat.Nv12, 320, 240, i)),
                    (submitted, _) => firstAt = firstAt < 0 ? submitted : firstAt);
                packets.ForEach(p => p.Dispose());
                output.WriteLine($"{codec} bframes={bframes}: first packet after {firstAt} frames (threads {encoder.Configuration.Threads}, lookahead {encoder.Configuration.Lookahead})");
                delays.Add(firstAt);
            }
        }

        Assert.All(delays, d => Assert.InRange(d, 1, LibX26xOptionMapper.MaxDelayFrames));
    }

    [NativeFact("libx264")]
    public void H264_with_P010_input_is_refused_with_a_clear_message()
    {
        var e = Assert.ThrowsAny<CodecException>(() => TestVideo.Encoder(TestVideo.Settings(VideoCodec.H264, WirePixelFormat.P010, 0)));
        Assert.Contains("NV12 only", e.Message, StringComparison.Ordinal);
    }

    [NativeFact("libx264")]
    public void Too_small_planes_are_refused_instead_of_read_out_of_bounds()
    {
        using var encoder = TestVideo.Encoder(TestVideo.Settings(VideoCodec.H264, WirePixelFormat.Nv12, 0));
        var small = new RawVideoFrame(0, 0, false, new PlaneView(new byte[100], 320, 240), new PlaneView(new byte[100], 320, 120));
        Assert.Throws<CodecException>(() => encoder.Submit(small));
    }

    [NativeFact("libx264")]
    public void Reports_libx264_veryfast_throughput_and_delay_at_1080p()
    {
        const int Count = 90;
        using var encoder = TestVideo.Encoder(TestVideo.Settings(VideoCodec.H264, WirePixelFormat.Nv12, 0, 1920, 1080,
            new EncoderOptions { Gop = 60, Bitrate = 6_000_000 }));
        var frames = Enumerable.Range(0, 8).Select(i => TestVideo.Frame(WirePixelFormat.Nv12, 1920, 1080, i)).ToArray();
        var firstAt = -1;
        var watch = Stopwatch.StartNew();
        var packets = TestVideo.EncodeAll(encoder,
            Enumerable.Range(0, Count).Select(i => frames[i % frames.Length] with { Pts = i * 3000L }),
            (submitted, _) => firstAt = firstAt < 0 ? submitted : firstAt);
        watch.Stop();
        packets.ForEach(p => p.Dispose());
        Assert.Equal(Count, packets.Count);
        output.WriteLine($"1080p libx264 {encoder.Configuration.Preset}: {Count / watch.Elapsed.TotalSeconds:F1} fps, first packet after {firstAt} frames, threads {encoder.Configuration.Threads}");
    }
}
