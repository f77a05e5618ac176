using System.Diagnostics.CodeAnalysis;

namespace Vtr.Shared.Bitstream;

/// <summary>
/// The fields of an HEVC sequence parameter set (ITU-T H.265 §7.3.2.2.1) that hvcC and session
/// setup need. Parsing walks the SPS up to the VUI's bitstream_restriction, because
/// min_spatial_segmentation_idc lives there.
/// </summary>
public sealed record HevcSpsInfo
{
    public required int VpsId { get; init; }

    public required int SpsId { get; init; }

    /// <summary>sps_max_sub_layers_minus1 + 1.</summary>
    public required int MaxSubLayers { get; init; }

    public required bool TemporalIdNesting { get; init; }

    public required HevcProfileTierLevel ProfileTierLevel { get; init; }

    /// <summary>0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4.</summary>
    public required int ChromaFormatIdc { get; init; }

    public required int BitDepthLuma { get; init; }

    public required int BitDepthChroma { get; init; }

    /// <summary>Display width: pic_width_in_luma_samples minus the conformance window.</summary>
    public required int Width { get; init; }

    /// <summary>Display height: pic_height_in_luma_samples minus the conformance window.</summary>
    public required int Height { get; init; }

    /// <summary>VUI min_spatial_segmentation_idc, or null when the SPS has no bitstream_restriction.</summary>
    public required int? MinSpatialSegmentationIdc { get; init; }

    /// <summary>log2_max_pic_order_cnt_lsb_minus4 + 4.</summary>
    public int Log2MaxPicOrderCntLsb { get; init; }

    /// <summary>Parses an SPS NAL (2-byte header included, still escaped). Returns false when damaged.</summary>
    public static bool TryParse(ReadOnlySpan<byte> nal, out HevcSpsInfo? info)
    {
        info = null;
        if (HevcNalUnitType.Of(nal) != HevcNalUnitType.Sps || nal.Length < 3)
        {
            return false;
        }

        Span<byte> scratch = nal.Length <= 512 ? stackalloc byte[512] : new byte[nal.Length];
        var reader = new BitReader(Rbsp.UnescapeIfNeeded(nal, scratch)[2..]);
        if (!TryReadHead(ref reader, out var head)
            || !HevcSpsSyntax.TrySkipToVui(ref reader, head.MaxSubLayers - 1, head.Log2MaxPicOrderCntLsb, out var hasVui))
        {
            return false;
        }

        int? minSpatialSegmentation = null;
        if (hasVui && !HevcSpsSyntax.TryReadVui(ref reader, head.MaxSubLayers - 1, out minSpatialSegmentation))
        {
            return false;
        }

        info = head with { MinSpatialSegmentationIdc = minSpatialSegmentation };
        return true;
    }

    /// <summary>
    /// Reads an SPS RBSP (without its header) from sps_video_parameter_set_id through
    /// log2_max_pic_order_cnt_lsb_minus4, leaving <paramref name="reader"/> at
    /// sps_sub_layer_ordering_info_present_flag. The VUI field is left null.
    /// </summary>
    internal static bool TryReadHead(ref BitReader reader, [NotNullWhen(true)] out HevcSpsInfo? info)
    {
        info = null;
        var vpsId = (int)reader.U(4);
        var maxSubLayersMinus1 = (int)reader.U(3);
        var nesting = reader.Flag();
        if (reader.Failed || maxSubLayersMinus1 > 6
            || !HevcProfileTierLevel.TryRead(ref reader, maxSubLayersMinus1, out var ptl))
        {
            return false;
        }

        var spsId = reader.Ue();
        var chromaFormatIdc = reader.Ue();
        if (chromaFormatIdc == 3)
        {
            reader.Skip(1); // separate_colour_plane_flag
        }

        long width = reader.Ue();
        long height = reader.Ue();
        if (reader.Flag())
        {
            // conf_win_*_offset are in chroma units (§7.4.3.2.1, Table 6-1 SubWidthC/SubHeightC).
            var unitX = chromaFormatIdc is 1 or 2 ? 2 : 1;
            var unitY = chromaFormatIdc == 1 ? 2 : 1;
            width -= unitX * ((long)reader.Ue() + reader.Ue());
            height -= unitY * ((long)reader.Ue() + reader.Ue());
        }

        var bitDepthLuma = (int)reader.Ue() + 8;
        var bitDepthChroma = (int)reader.Ue() + 8;
        var log2MaxPocLsb = (int)reader.Ue() + 4;
        if (reader.Failed || spsId > 15 || chromaFormatIdc > 3 || bitDepthLuma > 16 || bitDepthChroma > 16
            || log2MaxPocLsb > 16 || width <= 0 || height <= 0 || width > int.MaxValue || height > int.MaxValue)
        {
            return false;
        }

        info = new HevcSpsInfo
        {
            VpsId = vpsId,
            SpsId = (int)spsId,
            MaxSubLayers = maxSubLayersMinus1 + 1,
            TemporalIdNesting = nesting,
            ProfileTierLevel = ptl,
            ChromaFormatIdc = (int)chromaFormatIdc,
            BitDepthLuma = bitDepthLuma,
            BitDepthChroma = bitDepthChroma,
            Width = (int)width,
            Height = (int)height,
            MinSpatialSegmentationIdc = null,
            Log2MaxPicOrderCntLsb = log2MaxPocLsb,
        };
        return true;
    }
}
