using System.Buffers;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs.FFmpeg;

/// <summary>
/// The node's quality meter beside a real libx264 encoder, driven the way the codec actor drives it: each picture is
/// kept just before it is submitted, each packet measured as it comes out.
/// </summary>
[Trait("Category", "Native")]
public sealed class FFmpegQualityMeterTests
{
    private const int Width = 320;
    private const int Height = 240;

    /// <summary>The decoder's reorder depth: H.264 and HEVC hold at most 16 pictures before output.</summary>
    private const int DecoderReorderDepth = 16;

    [NativeFact("libx264")]
    public void Kept_pictures_are_released_as_they_pair_so_what_is_held_stays_within_the_encoders_delay()
    {
        const int frames = 240;
        using var encoder = TestVideo.Encoder(TestVideo.Settings(VideoCodec.H264, WirePixelFormat.Nv12, bframes: 2));
        using var meter = Open(encoder, VideoCodec.H264, WirePixelFormat.Nv12);
        var (submitted, returned, worstExcess) = (0, 0, int.MinValue);
        void Measure(EncodedPacket packet)
        {
            using (packet)
            {
                meter.Measure(packet);
                returned++;
                // Held = pictures inside the encoder + what the decoder still reorders; never the segment so far.
                worstExcess = Math.Max(worstExcess, meter.HeldFrames - (submitted - returned) - DecoderReorderDepth);
            }
        }

        for (var i = 0; i < frames; i++)
        {
            var frame = TestVideo.Frame(WirePixelFormat.Nv12, Width, Height, i, forceKey: i == 0);
            meter.Keep(frame);
            while (encoder.Submit(frame) == SubmitResult.NeedsDrain)
            {
                DrainInto(encoder, Measure);
            }

            submitted++;
            DrainInto(encoder, Measure);
        }

        encoder.Flush();
        DrainInto(encoder, Measure);
        var result = meter.Finish();

        Assert.Equal(QualityVerdict.Measured, result.Verdict);
        Assert.Equal((frames, frames), (result.FramesMeasured, result.FramesEncoded));
        Assert.True(worstExcess <= 0, $"held {worstExcess} pictures beyond the encoder's and decoder's delay");
        Assert.InRange(meter.PeakHeldFrames, 1, FFmpegQualityMeter.MaxHeldFrames);
        Assert.True(meter.PeakHeldFrames < frames / 4, $"peak {meter.PeakHeldFrames} of {frames}: pictures are not released as they pair");
        Assert.Equal(0, meter.HeldFrames);
        // Released pictures are refilled: buffers for the peak held and the few the filters still hold, not one per frame.
        Assert.True(meter.AllocatedPictures <= meter.PeakHeldFrames + 4, $"{meter.AllocatedPictures} pictures allocated for a peak of {meter.PeakHeldFrames} held");
        Assert.InRange(Psnr.FromMeanSquaredError(result.MeanSquaredError, 8), 25, 99);
        Assert.InRange(result.Ssim, 0.8, 1.0);
    }

    [NativeFact("libx264")]
    public void Decode_only_checks_every_picture_comes_back_without_copying_one_or_measuring()
    {
        var result = MeasureWithDamage(static _ => { }, decodeOnly: true, out var meter);

        Assert.Equal(QualityVerdict.Measured, result.Verdict);
        Assert.Equal((30, 30), (result.FramesMeasured, result.FramesEncoded));
        Assert.Equal(0, meter.AllocatedPictures);
        Assert.Equal((0.0, 0.0), (result.MeanSquaredError, result.Ssim));
    }

    [NativeTheory("libx264")]
    [InlineData(false)]
    [InlineData(true)]
    public void A_damaged_output_packet_is_a_decode_failure(bool decodeOnly)
    {
        var result = MeasureWithDamage(packets => packets[packets.Count / 2] = Truncated(packets[packets.Count / 2]), decodeOnly, out _);

        Assert.Equal(QualityVerdict.DecodeFailed, result.Verdict);
        Assert.False(string.IsNullOrEmpty(result.Detail));
    }

    [NativeTheory("libx264")]
    [InlineData(false)]
    [InlineData(true)]
    public void A_lost_output_packet_is_a_decode_failure(bool decodeOnly)
    {
        var result = MeasureWithDamage(
            packets =>
            {
                packets[^1].Dispose();
                packets.RemoveAt(packets.Count - 1);
            },
            decodeOnly,
            out _);

        Assert.Equal(QualityVerdict.DecodeFailed, result.Verdict);
        Assert.Equal(30, result.FramesEncoded);
        Assert.Contains("29 frames, 30 were encoded", result.Detail, StringComparison.Ordinal);
    }

    [NativeFact("libx264")]
    public void More_pictures_kept_than_the_cap_stops_measuring_and_releases_them()
    {
        using var encoder = TestVideo.Encoder(TestVideo.Settings(VideoCodec.H264, WirePixelFormat.Nv12, bframes: 0));
        using var meter = Open(encoder, VideoCodec.H264, WirePixelFormat.Nv12);
        var frame = TestVideo.Frame(WirePixelFormat.Nv12, Width, Height, 0);
        for (var i = 0; i <= FFmpegQualityMeter.MaxHeldFrames; i++)
        {
            meter.Keep(frame with { Pts = i * 3000L });
        }

        var result = meter.Finish();

        Assert.Equal(QualityVerdict.NotMeasured, result.Verdict);
        Assert.Equal(0, meter.HeldFrames);
        Assert.Equal(FFmpegQualityMeter.MaxHeldFrames, meter.PeakHeldFrames);
    }

    private static QualityMeasurement MeasureWithDamage(Action<List<EncodedPacket>> damage, bool decodeOnly, out FFmpegQualityMeter meter)
    {
        using var encoder = TestVideo.Encoder(TestVideo.Settings(VideoCodec.H264, WirePixelFormat.Nv12, bframes: 2));
        using var opened = Open(encoder, VideoCodec.H264, WirePixelFormat.Nv12, decodeOnly);
        meter = opened;
        var frames = Enumerable.Range(0, 30).Select(i => TestVideo.Frame(WirePixelFormat.Nv12, Width, Height, i, forceKey: i == 0)).ToList();
        foreach (var frame in frames)
        {
            opened.Keep(frame);
        }

        var packets = TestVideo.EncodeAll(encoder, frames);
        damage(packets);
        foreach (var packet in packets)
        {
            using (packet)
            {
                opened.Measure(packet);
            }
        }

        return opened.Finish();
    }

    private static FFmpegQualityMeter Open(FFmpegVideoEncoder encoder, VideoCodec codec, WirePixelFormat pixel, bool decodeOnly = false) =>
        FFmpegQualityMeter.TryOpen(new QualityMeterSettings(codec, Width, Height, pixel, encoder.DecoderConfigurationRecord) { DecodeOnly = decodeOnly }, out var reason)
            ?? throw new Xunit.Sdk.XunitException($"no quality meter: {reason}");

    private static void DrainInto(FFmpegVideoEncoder encoder, Action<EncodedPacket> take)
    {
        while (encoder.Receive(out var packet) == ReceiveResult.Output && packet is not null)
        {
            take(packet);
        }
    }

    /// <summary>The packet's first half: the slice data stops mid-way.</summary>
    private static EncodedPacket Truncated(EncodedPacket packet)
    {
        var half = packet.Length / 2;
        var owner = MemoryPool<byte>.Shared.Rent(half);
        packet.Data.Span[..half].CopyTo(owner.Memory.Span);
        var cut = new EncodedPacket(owner, half, packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe);
        packet.Dispose();
        return cut;
    }
}
