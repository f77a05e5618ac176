using System.Buffers;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Shared.Tests.Bitstream;

public class ReorderDepthRewriterTests
{
    public static TheoryData<string> H264Variants => ["restriction", "no-restriction", "no-vui"];

    [FfmpegTheory]
    [MemberData(nameof(H264Variants))]
    public void Rewritten_h264_sps_signals_reorder_depth_0_and_the_same_sequence(string variant)
    {
        var sps = H264Variant(variant, ReorderSample.FirstSps(VideoCodec.H264, ReorderSample.X264WithBFrames()));
        Assert.True(H264SpsInfo.TryParse(sps, out var before));

        var rewritten = ReorderDepthRewriter.RewriteSps(VideoCodec.H264, sps);

        Assert.True(ReorderDepthRewriter.TryReadReorderDepth(VideoCodec.H264, rewritten, out var depth));
        Assert.Equal(0, depth);
        Assert.True(H264SpsInfo.TryParse(rewritten, out var after));
        Assert.Equal(before, after);
        Assert.Equal((320, 240), (after!.Width, after.Height));
    }

    [FfmpegFact]
    public void The_x264_sps_declares_a_reorder_depth_before_the_rewrite()
    {
        var sps = ReorderSample.FirstSps(VideoCodec.H264, ReorderSample.X264WithBFrames());

        Assert.True(ReorderDepthRewriter.TryReadReorderDepth(VideoCodec.H264, sps, out var depth));
        Assert.True(depth > 0);
        Assert.True(ReorderDepthRewriter.TryReadReorderDepth(VideoCodec.H264, ReorderSample.WithoutBitstreamRestriction(sps), out var absent));
        Assert.Null(absent);
    }

    [FfmpegTheory]
    [InlineData("no-restriction")]
    [InlineData("no-vui")]
    public void Rewritten_h264_stream_without_reordering_decodes_to_the_same_pictures(string variant)
    {
        var original = ReorderSample.WithSps(VideoCodec.H264, ReorderSample.X264WithoutBFrames(), sps => H264Variant(variant, sps));
        var output = new ArrayBufferWriter<byte>();

        Assert.True(ReorderDepthRewriter.TryRewriteAnnexB(VideoCodec.H264, original, output));

        Assert.Equal(ReorderSample.FrameHashes(VideoCodec.H264, original), ReorderSample.FrameHashes(VideoCodec.H264, output.WrittenSpan.ToArray()));
    }

    /// <summary>
    /// Why the decoder does not rewrite H.264: FFmpeg 5.1's h264_select_output_frame, with has_b_frames
    /// 0, discards a picture whose POC is below the last one output ("no picture ooo") — every B-frame
    /// that follows its later reference. Every picture it does output is still bit-exact.
    /// </summary>
    [FfmpegTheory]
    [MemberData(nameof(H264Variants))]
    public void Libavcodec_drops_out_of_order_h264_pictures_at_reorder_depth_0_but_the_rest_are_unchanged(string variant)
    {
        var original = ReorderSample.WithSps(VideoCodec.H264, ReorderSample.X264WithBFrames(), sps => H264Variant(variant, sps));
        var output = new ArrayBufferWriter<byte>();

        Assert.True(ReorderDepthRewriter.TryRewriteAnnexB(VideoCodec.H264, original, output));

        var expected = ReorderSample.FrameHashes(VideoCodec.H264, original);
        var actual = ReorderSample.FrameHashes(VideoCodec.H264, output.WrittenSpan.ToArray());
        Assert.Equal(24, expected.Count);
        Assert.InRange(actual.Count, 1, expected.Count - 1);
        Assert.Subset(expected.ToHashSet(StringComparer.Ordinal), actual.ToHashSet(StringComparer.Ordinal));
    }

    [FfmpegFact]
    public void Rewritten_hevc_sps_has_every_sub_layer_reorder_depth_0_and_the_same_sequence()
    {
        var sps = ReorderSample.FirstSps(VideoCodec.Hevc, ReorderSample.X265WithBFrames());
        Assert.True(ReorderDepthRewriter.TryReadReorderDepth(VideoCodec.Hevc, sps, out var originalDepth));
        Assert.True(originalDepth > 0);
        Assert.True(HevcSpsInfo.TryParse(sps, out var before));

        var rewritten = ReorderDepthRewriter.RewriteSps(VideoCodec.Hevc, sps);

        Assert.True(ReorderDepthRewriter.TryReadReorderDepth(VideoCodec.Hevc, rewritten, out var depth));
        Assert.Equal(0, depth);
        Assert.True(HevcSpsInfo.TryParse(rewritten, out var after));
        Assert.Equal(before, after);
        Assert.Equal((320, 240), (after!.Width, after.Height));
    }

    [FfmpegFact]
    public void Rewritten_hevc_stream_decodes_to_the_same_pictures()
    {
        var original = ReorderSample.X265WithBFrames();
        var output = new ArrayBufferWriter<byte>();

        Assert.True(ReorderDepthRewriter.TryRewriteAnnexB(VideoCodec.Hevc, original, output));

        Assert.Equal(ReorderSample.FrameHashes(VideoCodec.Hevc, original), ReorderSample.FrameHashes(VideoCodec.Hevc, output.WrittenSpan.ToArray()));
    }

    [FfmpegFact]
    public void Annex_b_rewrite_changes_only_the_sps_and_copies_every_other_nal()
    {
        var original = ReorderSample.X264WithBFrames();
        var output = new ArrayBufferWriter<byte>();

        Assert.True(ReorderDepthRewriter.TryRewriteAnnexB(VideoCodec.H264, original, output));

        var before = ReorderSample.Nals(original);
        var after = ReorderSample.Nals(output.WrittenSpan.ToArray());
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            if (H264NalUnitType.Of(before[i]) != H264NalUnitType.Sps)
            {
                Assert.Equal(before[i], after[i]);
            }
        }
    }

    [FfmpegTheory]
    [InlineData(VideoCodec.H264)]
    [InlineData(VideoCodec.Hevc)]
    public void A_packet_without_an_sps_or_with_a_rewritten_one_is_left_alone(VideoCodec codec)
    {
        var stream = codec == VideoCodec.Hevc ? ReorderSample.X265WithBFrames() : ReorderSample.X264WithBFrames();
        var rewritten = new ArrayBufferWriter<byte>();
        Assert.True(ReorderDepthRewriter.TryRewriteAnnexB(codec, stream, rewritten));
        var output = new ArrayBufferWriter<byte>();

        Assert.False(ReorderDepthRewriter.TryRewriteAnnexB(codec, rewritten.WrittenSpan, output));
        Assert.False(ReorderDepthRewriter.TryRewriteAnnexB(codec, [0, 0, 0, 1, 0x41, 0x9A, 0x10], output));
        Assert.Equal(0, output.WrittenCount);
    }

    [FfmpegTheory]
    [InlineData(VideoCodec.H264)]
    [InlineData(VideoCodec.Hevc)]
    public void A_truncated_sps_at_any_length_is_reported_as_not_rewritten_and_never_throws(VideoCodec codec)
    {
        var sps = ReorderSample.FirstSps(codec, codec == VideoCodec.Hevc ? ReorderSample.X265WithBFrames() : ReorderSample.X264WithBFrames());
        var destination = new byte[ReorderDepthRewriter.MaxRewrittenLength(sps.Length)];

        for (var length = 0; length < sps.Length - 1; length++)
        {
            var truncated = sps.AsSpan(0, length);
            if (ReorderDepthRewriter.TryRewriteSps(codec, truncated, destination, out var written))
            {
                // A cut that still parses as a whole SPS must still say the same thing.
                Assert.True(ReorderDepthRewriter.TryReadReorderDepth(codec, destination.AsSpan(0, written), out var depth));
                Assert.Equal(0, depth);
            }
        }
    }

    [Fact]
    public void A_destination_shorter_than_the_bound_is_refused()
    {
        byte[] sps = [0x67, 0x64, 0x00, 0x0D, 0xAC, 0xD9, 0x41, 0x41, 0xFA, 0x10];

        Assert.False(ReorderDepthRewriter.TryRewriteSps(VideoCodec.H264, sps, new byte[sps.Length], out var written));
        Assert.Equal(0, written);
    }

    private static byte[] H264Variant(string variant, byte[] sps) => variant switch
    {
        "no-restriction" => ReorderSample.WithoutBitstreamRestriction(sps),
        "no-vui" => ReorderSample.WithoutVui(sps),
        _ => sps,
    };
}
