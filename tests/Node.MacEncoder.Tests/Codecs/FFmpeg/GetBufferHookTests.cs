using Vtr.Native.FFmpeg;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Node.Codecs.FFmpeg.Interop;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs.FFmpeg;

/// <summary>
/// get_buffer2 is hooked at the offset of the version-checked layout table; the loaded libavcodec says whether that
/// row is right (a freshly allocated context holds the default allocator there), and a wrong row is refused.
/// </summary>
[Trait("Category", "Native")]
public sealed class GetBufferHookTests
{
    private static readonly string[] Decoders = ["h264", "hevc"];

    [NativeFact]
    public unsafe void The_layout_tables_get_buffer2_slot_holds_the_default_allocator_in_fresh_contexts()
    {
        var runtime = FFmpegRuntime.Load();
        var defaultGetBuffer2 = NativeLibraries.CodecExport("avcodec_default_get_buffer2");

        foreach (var name in Decoders)
        {
            using var context = AvCodecNative.avcodec_alloc_context3(AvCodecNative.avcodec_find_decoder_by_name(name));
            var slot = *(nint*)(context.DangerousGetHandle() + runtime.Layout.CodecContextGetBuffer2);

            Assert.NotEqual(0, defaultGetBuffer2);
            Assert.Equal(defaultGetBuffer2, slot);
        }
    }

    [NativeFact]
    public unsafe void A_layout_row_pointing_elsewhere_is_refused_with_a_clear_error_and_the_context_is_untouched()
    {
        var runtime = FFmpegRuntime.Load();
        using var context = AvCodecNative.avcodec_alloc_context3(AvCodecNative.avcodec_find_decoder_by_name("h264"));
        var wrong = runtime.Layout with { CodecContextGetBuffer2 = runtime.Layout.CodecContextGetBuffer2 - IntPtr.Size };
        var before = *(nint*)(context.DangerousGetHandle() + wrong.CodecContextGetBuffer2);

        var error = Assert.Throws<CodecException>(() => GetBufferHook.Install(context, wrong, _ => { }));

        Assert.Contains("get_buffer2 is not at offset", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, *(nint*)(context.DangerousGetHandle() + wrong.CodecContextGetBuffer2));
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
