using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Node.Codecs.FFmpeg.Interop;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs.FFmpeg;

/// <summary>The get_buffer2 slot is found in the loaded libavcodec, not taken from a table: check what was found.</summary>
[Trait("Category", "Native")]
public sealed class GetBufferHookTests
{
    private static readonly string[] Decoders = ["h264", "hevc"];

    [NativeFact]
    public void The_get_buffer2_slot_is_found_once_at_the_same_offset_in_every_context()
    {
        FFmpegRuntime.Load();
        var offsets = Decoders.Select(name =>
        {
            using var context = AvCodecNative.avcodec_alloc_context3(AvCodecNative.avcodec_find_decoder_by_name(name));
            return GetBufferHook.FindOffset(context);
        }).ToList();

        Assert.NotNull(offsets[0]);
        Assert.Equal(offsets[0], offsets[1]);
        // AVCodecContext starts with av_class, log_level_offset, codec_type, codec, codec_id, codec_tag, priv_data…:
        // get_buffer2 sits well past them, and is pointer-aligned.
        Assert.InRange(offsets[0]!.Value, 64, 4096);
        Assert.Equal(0, offsets[0]!.Value % IntPtr.Size);
    }

    [NativeFact("libx264")]
    public void A_hooked_decoder_sees_one_allocation_per_picture_and_unhooked_ones_are_untouched()
    {
        using var encoder = TestVideo.Encoder(TestVideo.Settings(VideoCodec.H264, WirePixelFormat.Nv12, 2));
        var packets = TestVideo.EncodeAll(encoder, Enumerable.Range(0, 12).Select(i => TestVideo.Frame(WirePixelFormat.Nv12, 320, 240, i)));
        using var decodeOrder = new FFmpegVideoDecoder(new DecoderSettings(VideoCodec.H264, 320, 240, WirePixelFormat.Nv12, encoder.DecoderConfigurationRecord, OutputInDecodeOrder: true));
        using var displayOrder = new FFmpegVideoDecoder(new DecoderSettings(VideoCodec.H264, 320, 240, WirePixelFormat.Nv12, encoder.DecoderConfigurationRecord));

        var decodeOrderPts = new List<long>();
        var displayOrderPts = new List<long>();
        foreach (var packet in packets)
        {
            var input = new EncodedPacketInput(packet.Data, packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe);
            decodeOrder.Submit(input);
            displayOrder.Submit(input);
            Drain(decodeOrder, decodeOrderPts);
            Drain(displayOrder, displayOrderPts);
        }

        decodeOrder.Flush();
        displayOrder.Flush();
        Drain(decodeOrder, decodeOrderPts);
        Drain(displayOrder, displayOrderPts);

        Assert.True(decodeOrder.OutputsInDecodeOrder);
        Assert.False(displayOrder.OutputsInDecodeOrder);
        Assert.Equal(packets.Select(p => p.Pts), decodeOrderPts);
        Assert.Equal(packets.Select(p => p.Pts).Order(), displayOrderPts);
        packets.ForEach(p => p.Dispose());
    }

    private static void Drain(FFmpegVideoDecoder decoder, List<long> pts)
    {
        while (decoder.Receive(out var picture) == ReceiveResult.Output)
        {
            pts.Add(picture!.Pts);
            picture.Dispose();
        }
    }
}
