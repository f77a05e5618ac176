using System.Collections.Immutable;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Media;

namespace Vtr.Client.Cli.Tests.Segmenting;

public sealed class OutputFormatChoiceTests
{
    private static MediaInfo Source(int bitDepth) => new(
        "camera.mov", "mov", [], 0, new SourceCodec("prores"), new Rational(1, 25), 64, 64, "yuv422p10le", bitDepth, [],
        ImmutableArray<VideoPacketInfo>.Empty, TimeSpan.Zero);

    private static SegmentEncodeSettings Settings(VideoCodec codec = VideoCodec.H264, bool fromSource = true, OutputBitDepth depth = OutputBitDepth.Auto) =>
        new(codec, null, null, "", WireCompression.Lz4, TransportChoice.Auto) { CodecFromSource = fromSource, BitDepth = depth };

    [Fact]
    public void A_10_bit_source_without_codec_becomes_hevc_main10()
    {
        var resolved = OutputFormatChoice.Resolve(Settings(), Source(10));

        Assert.Equal((VideoCodec.Hevc, OutputBitDepth.Ten), (resolved.Codec, resolved.BitDepth));
        Assert.Equal(WirePixelFormat.P010, OutputFormatChoice.WireFormat(resolved, Source(10)));
    }

    [Fact]
    public void Asking_for_8_bit_keeps_a_10_bit_source_at_8_bits_in_h264()
    {
        var resolved = OutputFormatChoice.Resolve(Settings(depth: OutputBitDepth.Eight), Source(10));

        Assert.Equal((VideoCodec.H264, OutputBitDepth.Eight), (resolved.Codec, resolved.BitDepth));
        Assert.Equal(WirePixelFormat.Nv12, OutputFormatChoice.WireFormat(resolved, Source(10)));
    }

    [Fact]
    public void An_explicit_h264_makes_a_10_bit_source_8_bit_and_an_explicit_hevc_keeps_10()
    {
        Assert.Equal(OutputBitDepth.Eight, OutputFormatChoice.Resolve(Settings(VideoCodec.H264, fromSource: false), Source(10)).BitDepth);
        Assert.Equal(OutputBitDepth.Ten, OutputFormatChoice.Resolve(Settings(VideoCodec.Hevc, fromSource: false), Source(10)).BitDepth);
    }

    [Fact]
    public void An_8_bit_source_stays_h264_unless_10_bit_is_asked_for()
    {
        Assert.Equal((VideoCodec.H264, OutputBitDepth.Eight), Pair(OutputFormatChoice.Resolve(Settings(), Source(8))));
        Assert.Equal((VideoCodec.Hevc, OutputBitDepth.Ten), Pair(OutputFormatChoice.Resolve(Settings(depth: OutputBitDepth.Ten), Source(8))));
    }

    private static (VideoCodec, OutputBitDepth) Pair(SegmentEncodeSettings s) => (s.Codec, s.BitDepth);
}
