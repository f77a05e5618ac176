using System.Buffers;
using System.Numerics;
using Vtr.Shared.Media;

namespace Vtr.Shared.Bitstream;

/// <summary>
/// Rewrites sequence parameter sets so that their reorder depth is 0 — H.264 VUI
/// max_num_reorder_frames, HEVC sps_max_num_reorder_pics of every sub-layer — and every other field
/// stays bit-identical (the unchanged bit runs are copied). A decoder that trusts the SPS (libavcodec
/// does) then outputs each picture as soon as it is decoded, in decode order, as VideoToolbox does
/// without temporal processing: the lock-step decode client of WIRE.md §3.3 gets one picture per packet.
/// <para>
/// An H.264 SPS without bitstream_restriction gets one (with the values the spec infers when it is
/// absent, max_num_reorder_frames 0 and max_dec_frame_buffering = max_num_ref_frames), because
/// libavcodec otherwise guesses a reorder depth from the level and grows it when pictures arrive out
/// of order. Damaged or unknown input is never an error: it is reported as "not rewritten" and the
/// caller passes the original bytes on. Every rewrite is re-parsed and must describe the same
/// sequence (profile, level, geometry, bit depths) or it is discarded.
/// </para>
/// </summary>
public static class ReorderDepthRewriter
{
    /// <summary>The most bits a rewrite adds to an H.264 SPS: the VUI flags plus a bitstream_restriction block.</summary>
    private const int MaxGrowthBytes = 8;

    private const int StackScratchLength = 512;
    private const int MaxSubLayers = 8;

    /// <summary>A destination of this many bytes always fits the rewrite of an SPS NAL of <paramref name="spsLength"/> bytes.</summary>
    public static int MaxRewrittenLength(int spsLength) => Rbsp.MaxEscapedLength(spsLength + MaxGrowthBytes);

    /// <summary>
    /// Rewrites one SPS NAL (header included, escaped, no start code) into <paramref name="destination"/>.
    /// Returns false, writing nothing meaningful, when the NAL is not an SPS of <paramref name="codec"/>,
    /// is damaged, already has reorder depth 0, or <paramref name="destination"/> is shorter than
    /// <see cref="MaxRewrittenLength"/>: the original NAL is then the one to use.
    /// </summary>
    public static bool TryRewriteSps(VideoCodec codec, ReadOnlySpan<byte> spsNal, Span<byte> destination, out int written)
    {
        written = 0;
        if (spsNal.Length < 4 || destination.Length < MaxRewrittenLength(spsNal.Length))
        {
            return false;
        }

        var rented = spsNal.Length + MaxGrowthBytes > StackScratchLength
            ? ArrayPool<byte>.Shared.Rent(2 * (spsNal.Length + MaxGrowthBytes))
            : null;
        try
        {
            var scratch = rented is null ? stackalloc byte[2 * StackScratchLength] : rented.AsSpan();
            var input = scratch[..spsNal.Length];
            var output = scratch.Slice(spsNal.Length, spsNal.Length + MaxGrowthBytes);
            output.Clear();
            var rbsp = Rbsp.UnescapeIfNeeded(spsNal, input);
            var rbspLength = codec == VideoCodec.Hevc ? RewriteHevc(rbsp, output) : RewriteH264(rbsp, output);
            if (rbspLength <= 0)
            {
                return false;
            }

            written = Rbsp.Escape(output[..rbspLength], destination);
            if (!DescribesSameSequence(codec, spsNal, destination[..written]))
            {
                written = 0;
                return false;
            }

            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The rewritten SPS NAL, or a copy of <paramref name="spsNal"/> when it is left as it is.</summary>
    public static byte[] RewriteSps(VideoCodec codec, ReadOnlySpan<byte> spsNal)
    {
        var destination = new byte[MaxRewrittenLength(spsNal.Length)];
        return TryRewriteSps(codec, spsNal, destination, out var written) ? destination[..written] : spsNal.ToArray();
    }

    /// <summary>
    /// Writes <paramref name="annexB"/> to <paramref name="output"/> with every SPS NAL rewritten and all
    /// other bytes (start codes, other NALs) copied as they are. Returns false and writes nothing when no
    /// SPS needed rewriting — the common case for a packet, which the caller then passes on unchanged.
    /// </summary>
    public static bool TryRewriteAnnexB(VideoCodec codec, ReadOnlySpan<byte> annexB, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var spsType = codec == VideoCodec.Hevc ? HevcNalUnitType.Sps : H264NalUnitType.Sps;
        var copiedUpTo = 0;
        var reader = NalUnitReader.ForAnnexB(annexB);
        while (reader.TryReadNext(out var range))
        {
            var nal = reader.Current;
            var type = codec == VideoCodec.Hevc ? HevcNalUnitType.Of(nal) : H264NalUnitType.Of(nal);
            if (type != spsType)
            {
                continue;
            }

            var gap = annexB[copiedUpTo..range.Offset];
            var span = output.GetSpan(gap.Length + MaxRewrittenLength(nal.Length));
            if (!TryRewriteSps(codec, nal, span[gap.Length..], out var written))
            {
                continue;
            }

            gap.CopyTo(span);
            output.Advance(gap.Length + written);
            copiedUpTo = range.End;
        }

        if (copiedUpTo == 0)
        {
            return false;
        }

        output.Write(annexB[copiedUpTo..]);
        return true;
    }

    /// <summary>
    /// Reads the reorder depth an SPS NAL signals: H.264 max_num_reorder_frames (null when the SPS has
    /// no bitstream_restriction), HEVC the largest sps_max_num_reorder_pics. False when damaged.
    /// </summary>
    public static bool TryReadReorderDepth(VideoCodec codec, ReadOnlySpan<byte> spsNal, out int? depth)
    {
        depth = null;
        if (spsNal.Length < 4)
        {
            return false;
        }

        Span<byte> scratch = spsNal.Length <= StackScratchLength ? stackalloc byte[StackScratchLength] : new byte[spsNal.Length];
        var rbsp = Rbsp.UnescapeIfNeeded(spsNal, scratch);
        if (codec == VideoCodec.Hevc)
        {
            var reader = new BitReader(rbsp[2..]);
            Span<BitRange> fields = stackalloc BitRange[MaxSubLayers];
            if (HevcNalUnitType.Of(spsNal) != HevcNalUnitType.Sps || !HevcSpsInfo.TryReadHead(ref reader, out var head))
            {
                return false;
            }

            var count = HevcSpsSyntax.ReadSubLayerOrdering(ref reader, head.MaxSubLayers - 1, fields);
            var largest = 0;
            foreach (var field in fields[..Math.Min(count, MaxSubLayers)])
            {
                var valueReader = new BitReader(rbsp[2..]);
                valueReader.Skip(field.Start);
                largest = Math.Max(largest, (int)Math.Min(valueReader.Ue(), int.MaxValue));
            }

            depth = largest;
            return !reader.Failed;
        }

        var h264 = new BitReader(rbsp[1..]);
        if (H264NalUnitType.Of(spsNal) != H264NalUnitType.Sps || !H264SpsInfo.TryRead(ref h264, out _))
        {
            return false;
        }

        if (!h264.Flag())
        {
            return !h264.Failed;
        }

        if (!H264VuiSyntax.TryLocateReorderField(ref h264, out _, out var reorder, out var value))
        {
            return false;
        }

        depth = reorder.Length == 0 ? null : (int)Math.Min(value, int.MaxValue);
        return true;
    }

    /// <summary>The byte length of the rewritten H.264 RBSP in <paramref name="output"/>, or 0 when not rewritten.</summary>
    private static int RewriteH264(ReadOnlySpan<byte> rbsp, Span<byte> output)
    {
        var payload = rbsp[1..];
        var reader = new BitReader(payload);
        if (!H264SpsInfo.TryRead(ref reader, out var info))
        {
            return 0;
        }

        var vuiFlagPosition = reader.BitPosition;
        var hasVui = reader.Flag();
        var stopBit = LastSetBit(payload);
        output[0] = rbsp[0];
        var writer = new BitWriter(output[1..]);
        if (!hasVui)
        {
            if (stopBit != vuiFlagPosition + 1)
            {
                return 0;
            }

            writer.CopyBits(payload, 0, vuiFlagPosition);
            writer.WriteFlag(true); // vui_parameters_present_flag
            writer.WriteBits(0, 8); // aspect_ratio, overscan, video_signal, chroma_loc, timing, nal_hrd, vcl_hrd, pic_struct
            WriteBitstreamRestriction(ref writer, info.MaxNumRefFrames);
        }
        else
        {
            if (!H264VuiSyntax.TryLocateReorderField(ref reader, out var restrictionFlag, out var reorder, out var depth))
            {
                return 0;
            }

            if (reorder.Length == 0)
            {
                if (stopBit != restrictionFlag + 1)
                {
                    return 0;
                }

                writer.CopyBits(payload, 0, restrictionFlag);
                WriteBitstreamRestriction(ref writer, info.MaxNumRefFrames);
            }
            else
            {
                if (depth == 0 || stopBit < reader.BitPosition)
                {
                    return 0;
                }

                writer.CopyBits(payload, 0, reorder.Start);
                writer.WriteUe(0); // max_num_reorder_frames
                writer.CopyBits(payload, reorder.End, stopBit - reorder.End);
            }
        }

        writer.WriteTrailingBits();
        return writer.Failed ? 0 : 1 + writer.BytesWritten;
    }

    /// <summary>The byte length of the rewritten HEVC RBSP in <paramref name="output"/>, or 0 when not rewritten.</summary>
    private static int RewriteHevc(ReadOnlySpan<byte> rbsp, Span<byte> output)
    {
        var payload = rbsp[2..];
        var reader = new BitReader(payload);
        if (!HevcSpsInfo.TryReadHead(ref reader, out var head))
        {
            return 0;
        }

        Span<BitRange> reorderFields = stackalloc BitRange[MaxSubLayers];
        var count = HevcSpsSyntax.ReadSubLayerOrdering(ref reader, head.MaxSubLayers - 1, reorderFields);
        var stopBit = LastSetBit(payload);
        if (reader.Failed || count > MaxSubLayers || stopBit < reader.BitPosition)
        {
            return 0;
        }

        reorderFields = reorderFields[..count];
        if (AllZero(reorderFields))
        {
            return 0;
        }

        output[0] = rbsp[0];
        output[1] = rbsp[1];
        var writer = new BitWriter(output[2..]);
        var copiedUpTo = 0L;
        foreach (var field in reorderFields)
        {
            writer.CopyBits(payload, copiedUpTo, field.Start - copiedUpTo);
            writer.WriteUe(0); // sps_max_num_reorder_pics[i]
            copiedUpTo = field.End;
        }

        writer.CopyBits(payload, copiedUpTo, stopBit - copiedUpTo);
        writer.WriteTrailingBits();
        return writer.Failed ? 0 : 2 + writer.BytesWritten;
    }

    /// <summary>ue(v) 0 is the single bit 1, so a one-bit field is already 0.</summary>
    private static bool AllZero(ReadOnlySpan<BitRange> fields)
    {
        foreach (var field in fields)
        {
            if (field.Length != 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// bitstream_restriction_flag = 1 and the block with the values §E.2.1 infers when it is absent,
    /// except max_num_reorder_frames = 0; max_dec_frame_buffering must be at least max_num_ref_frames.
    /// </summary>
    private static void WriteBitstreamRestriction(ref BitWriter writer, int maxNumRefFrames)
    {
        writer.WriteFlag(true); // bitstream_restriction_flag
        writer.WriteFlag(true); // motion_vectors_over_pic_boundaries_flag
        writer.WriteUe(2); // max_bytes_per_pic_denom
        writer.WriteUe(1); // max_bits_per_mb_denom
        writer.WriteUe(15); // log2_max_mv_length_horizontal
        writer.WriteUe(15); // log2_max_mv_length_vertical
        writer.WriteUe(0); // max_num_reorder_frames
        writer.WriteUe((uint)maxNumRefFrames); // max_dec_frame_buffering
    }

    /// <summary>The position of rbsp_stop_one_bit: the last 1 bit of the RBSP, or -1.</summary>
    private static long LastSetBit(ReadOnlySpan<byte> payload)
    {
        var index = payload.LastIndexOfAnyExcept((byte)0);
        return index < 0 ? -1 : (index * 8L) + 7 - BitOperations.TrailingZeroCount(payload[index]);
    }

    private static bool DescribesSameSequence(VideoCodec codec, ReadOnlySpan<byte> original, ReadOnlySpan<byte> rewritten)
    {
        if (codec == VideoCodec.Hevc)
        {
            return HevcSpsInfo.TryParse(original, out var before) && HevcSpsInfo.TryParse(rewritten, out var after)
                && before == after;
        }

        return H264SpsInfo.TryParse(original, out var h264Before) && H264SpsInfo.TryParse(rewritten, out var h264After)
            && h264Before == h264After;
    }
}
