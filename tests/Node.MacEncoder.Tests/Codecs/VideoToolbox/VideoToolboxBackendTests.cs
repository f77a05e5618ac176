using Vtr.Node.Codecs;
using Vtr.Node.Codecs.VideoToolbox;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;

public class VideoToolboxBackendTests
{
    [OffMacOSFact]
    public void TryCreate_reports_why_it_is_unavailable_off_macOS()
    {
        Assert.False(VideoToolboxBackend.TryCreate(out var backend, out var reason));
        Assert.Null(backend);
        Assert.Equal(MacOSFactAttribute.Reason, reason);
    }

    [MacOSFact]
    [Trait("Category", "Native")]
    public void TryCreate_probes_hardware_encoders_on_macOS()
    {
        Assert.True(VideoToolboxBackend.TryCreate(out var backend, out var reason), reason);
        Assert.Equal("videotoolbox", backend!.Name);
        Assert.Contains(VideoCodec.H264, backend.EncodeCodecs);
    }

    [MacOSFact]
    [Trait("Category", "Native")]
    public void A_mac_announces_what_videotoolbox_decodes_and_routes_the_rest_to_libavcodec()
    {
        Assert.True(VideoToolboxBackend.TryCreate(out var backend, out var reason), reason);

        // H.264 and HEVC always; ProRes where Apple's decoder opens (every macOS 11+ Mac ships one).
        Assert.Equal(["h264", "hevc"], backend!.SourceDecodeCodecs.Take(2));
        if (Environment.OSVersion.Version.Major >= 11)
        {
            Assert.Contains("prores", backend.SourceDecodeCodecs);
        }

        var ffmpeg = new Vtr.Node.Codecs.FFmpeg.FFmpegBackend();
        if (ffmpeg.UnavailableReason is null)
        {
            Assert.All(ffmpeg.SourceDecodeCodecs, codec => Assert.Contains(codec, backend.SourceDecodeCodecs));
        }
    }

    [MacOSFact]
    [Trait("Category", "Native")]
    public void H264_encode_then_decode_round_trips_frames_on_macOS()
    {
        Assert.True(VideoToolboxBackend.TryCreate(out var backend, out var reason), reason);
        var settings = new EncoderSettings(VideoCodec.H264, 320, 180, WirePixelFormat.Nv12, new Rational(1, 30), new Rational(30, 1),
            new EncoderOptions { Gop = 12, Flags = 256, Entropy = 0, Realtime = 0, SarNum = 1, SarDen = 1, A53Cc = 1 });
        using var encoder = backend!.CreateEncoder(settings);
        Assert.Equal(1, encoder.DecoderConfigurationRecord.Span[0]);

        var luma = new byte[320 * 180];
        var chroma = new byte[320 * 90];
        var packets = new List<EncodedPacket>();
        for (var i = 0; i < 10; i++)
        {
            Array.Fill(luma, (byte)(16 + (i * 20)));
            Array.Fill(chroma, (byte)128);
            var frame = new RawVideoFrame(i, 1, i == 0, new PlaneView(luma, 320, 180), new PlaneView(chroma, 320, 90));
            while (encoder.Submit(frame) == SubmitResult.NeedsDrain)
            {
                Drain(encoder, packets);
            }
        }

        encoder.Flush();
        Drain(encoder, packets);
        Assert.Equal(10, packets.Count);
        Assert.True(packets[0].IsKeyframe);
        Assert.All(packets, p => Assert.True(p.Data.Span.StartsWith((ReadOnlySpan<byte>)[0, 0, 0, 1])));

        using var decoder = backend.CreateDecoder(new DecoderSettings(VideoCodec.H264, 320, 180, WirePixelFormat.Nv12,
            encoder.DecoderConfigurationRecord));
        var pictures = 0;
        foreach (var packet in packets)
        {
            Assert.Equal(SubmitResult.Accepted, decoder.Submit(new EncodedPacketInput(packet.Data, packet.Pts, packet.Dts, 0, packet.IsKeyframe)));
            while (decoder.Receive(out var picture) == ReceiveResult.Output)
            {
                picture!.Dispose();
                pictures++;
            }

            packet.Dispose();
        }

        decoder.Flush();
        while (decoder.Receive(out var picture) == ReceiveResult.Output)
        {
            picture!.Dispose();
            pictures++;
        }

        Assert.Equal(10, pictures);
    }

    private static void Drain(IVideoEncoder encoder, List<EncodedPacket> packets)
    {
        while (encoder.Receive(out var packet) == ReceiveResult.Output)
        {
            packets.Add(packet!);
        }
    }
}
