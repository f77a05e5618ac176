using System.Buffers;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// Makes libavcodec output pictures in decode order, as VideoToolbox does for the original server
/// (WIRE.md §3.3), by rewriting the SPS NALs it sees — extradata and in-band — to a reorder depth of 0
/// (<see cref="ReorderDepthRewriter"/>). Only HEVC is rewritten: FFmpeg's hevc decoder then bumps each
/// picture out as soon as it is decoded (hevc_refs.c: output once nb_output exceeds num_reorder_pics),
/// while its h264 decoder at depth 0 discards every picture whose POC is below the last one output
/// (h264_slice.c, "no picture ooo"), so H.264 takes each picture as it is allocated instead
/// (<see cref="DecodeOrderCapture"/>). One instance per decoder; the scratch buffer is reused, so packets without an SPS
/// cost a NAL-header scan and no allocation.
/// </summary>
internal sealed class DecodeOrderParameterSets(VideoCodec codec)
{
    private readonly ArrayBufferWriter<byte> _scratch = new();

    /// <summary>True when this codec's decoder can be brought to decode order by an SPS rewrite.</summary>
    public static bool Supports(VideoCodec codec) => codec == VideoCodec.Hevc;

    /// <summary>
    /// The Annex B data to hand to the decoder: <paramref name="annexB"/> itself when it holds no SPS to
    /// rewrite, else a view of the rewritten copy that stays valid until the next call.
    /// </summary>
    public ReadOnlySpan<byte> Apply(ReadOnlySpan<byte> annexB)
    {
        _scratch.ResetWrittenCount();
        return ReorderDepthRewriter.TryRewriteAnnexB(codec, annexB, _scratch) ? _scratch.WrittenSpan : annexB;
    }
}
