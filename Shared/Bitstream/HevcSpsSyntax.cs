namespace Vtr.Shared.Bitstream;

/// <summary>
/// The variable-length HEVC SPS structures between the bit depths and the VUI that must be walked,
/// not kept: sub-layer ordering, scaling lists, PCM, reference picture sets, long-term pictures,
/// HRD. Section numbers refer to ITU-T H.265.
/// </summary>
internal static class HevcSpsSyntax
{
    private const int MaxShortTermRefPicSets = 64;

    /// <summary>Walks from sps_sub_layer_ordering_info_present_flag to vui_parameters_present_flag.</summary>
    public static bool TrySkipToVui(ref BitReader reader, int maxSubLayersMinus1, int log2MaxPocLsb, out bool hasVui)
    {
        hasVui = false;
        ReadSubLayerOrdering(ref reader, maxSubLayersMinus1, []);
        SkipUe(ref reader, 6); // coding/transform block sizes and hierarchy depths
        if (reader.Flag() && reader.Flag())
        {
            SkipScalingListData(ref reader); // scaling_list_enabled && sps_scaling_list_data_present
        }

        reader.Skip(2); // amp_enabled, sample_adaptive_offset_enabled
        if (reader.Flag())
        {
            reader.Skip(8); // pcm_sample_bit_depth_luma/chroma_minus1
            SkipUe(ref reader, 2); // pcm coding block sizes
            reader.Skip(1); // pcm_loop_filter_disabled_flag
        }

        if (reader.Failed || !TrySkipShortTermRefPicSets(ref reader))
        {
            return false;
        }

        if (reader.Flag())
        {
            var longTermCount = reader.Ue();
            if (longTermCount > 32)
            {
                return false;
            }

            reader.Skip(longTermCount * (log2MaxPocLsb + 1)); // lt_ref_pic_poc_lsb_sps + used_by_curr_pic_lt_sps_flag
        }

        reader.Skip(2); // sps_temporal_mvp_enabled, strong_intra_smoothing_enabled
        hasVui = reader.Flag();
        return !reader.Failed;
    }

    /// <summary>
    /// Reads sps_sub_layer_ordering_info_present_flag and the sub-layer entries that follow it
    /// (max_dec_pic_buffering_minus1, max_num_reorder_pics, max_latency_increase_plus1 each), storing
    /// where each sps_max_num_reorder_pics lies in <paramref name="reorderFields"/> when it has room.
    /// Returns the number of entries read (1, or maxSubLayersMinus1 + 1).
    /// </summary>
    public static int ReadSubLayerOrdering(ref BitReader reader, int maxSubLayersMinus1, scoped Span<BitRange> reorderFields)
    {
        var orderingForAllLayers = reader.Flag();
        var count = 0;
        for (var i = orderingForAllLayers ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++, count++)
        {
            reader.Ue(); // sps_max_dec_pic_buffering_minus1
            var start = reader.BitPosition;
            reader.Ue(); // sps_max_num_reorder_pics
            if (count < reorderFields.Length)
            {
                reorderFields[count] = new BitRange(start, reader.BitPosition - start);
            }

            reader.Ue(); // sps_max_latency_increase_plus1
        }

        return count;
    }

    /// <summary>vui_parameters() (Annex E.2.1) up to min_spatial_segmentation_idc.</summary>
    public static bool TryReadVui(ref BitReader reader, int maxSubLayersMinus1, out int? minSpatialSegmentation)
    {
        minSpatialSegmentation = null;
        if (reader.Flag() && reader.U(8) == 255)
        {
            reader.Skip(32); // sar_width, sar_height for aspect_ratio_idc Extended_SAR
        }

        if (reader.Flag())
        {
            reader.Skip(1); // overscan_appropriate_flag
        }

        if (reader.Flag())
        {
            reader.Skip(4); // video_format, video_full_range_flag
            if (reader.Flag())
            {
                reader.Skip(24); // colour_primaries, transfer_characteristics, matrix_coeffs
            }
        }

        if (reader.Flag())
        {
            SkipUe(ref reader, 2); // chroma_sample_loc_type_top/bottom_field
        }

        reader.Skip(3); // neutral_chroma_indication, field_seq, frame_field_info_present
        if (reader.Flag())
        {
            SkipUe(ref reader, 4); // default display window offsets
        }

        if (reader.Flag())
        {
            reader.Skip(64); // vui_num_units_in_tick, vui_time_scale
            if (reader.Flag())
            {
                reader.Ue(); // vui_num_ticks_poc_diff_one_minus1
            }

            if (reader.Flag() && !TrySkipHrdParameters(ref reader, maxSubLayersMinus1))
            {
                return false;
            }
        }

        if (reader.Flag())
        {
            reader.Skip(3); // tiles_fixed_structure, motion_vectors_over_pic_boundaries, restricted_ref_pic_lists
            var value = reader.Ue();
            minSpatialSegmentation = (int)Math.Min(value, int.MaxValue);
        }

        return !reader.Failed;
    }

    /// <summary>hrd_parameters(1, maxSubLayersMinus1) (Annex E.2.2).</summary>
    private static bool TrySkipHrdParameters(ref BitReader reader, int maxSubLayersMinus1)
    {
        var nalHrd = reader.Flag();
        var vclHrd = reader.Flag();
        var subPicParams = false;
        if (nalHrd || vclHrd)
        {
            subPicParams = reader.Flag();
            if (subPicParams)
            {
                reader.Skip(8 + 5 + 1 + 5); // tick_divisor, du_cpb_removal_delay_increment_length, sei flag, dpb_output_delay_du_length
            }

            reader.Skip(4 + 4); // bit_rate_scale, cpb_size_scale
            if (subPicParams)
            {
                reader.Skip(4); // cpb_size_du_scale
            }

            reader.Skip(5 + 5 + 5); // initial_cpb_removal_delay, au_cpb_removal_delay, dpb_output_delay lengths
        }

        for (var i = 0; i <= maxSubLayersMinus1 && !reader.Failed; i++)
        {
            var fixedRate = reader.Flag() || reader.Flag(); // general, else within_cvs
            var lowDelay = false;
            if (fixedRate)
            {
                reader.Ue(); // elemental_duration_in_tc_minus1
            }
            else
            {
                lowDelay = reader.Flag();
            }

            var cpbCount = lowDelay ? 1 : reader.Ue() + 1;
            if (cpbCount > 32)
            {
                return false;
            }

            // sub_layer_hrd_parameters(): bit_rate, cpb_size (+ du variants), cbr_flag per CPB.
            var perCpb = subPicParams ? 4 : 2;
            for (var layer = (nalHrd ? 1 : 0) + (vclHrd ? 1 : 0); layer > 0; layer--)
            {
                for (var cpb = 0; cpb < cpbCount; cpb++)
                {
                    SkipUe(ref reader, perCpb);
                    reader.Skip(1);
                }
            }
        }

        return !reader.Failed;
    }

    /// <summary>scaling_list_data() (§7.3.4).</summary>
    private static void SkipScalingListData(ref BitReader reader)
    {
        for (var sizeId = 0; sizeId < 4; sizeId++)
        {
            for (var matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1)
            {
                if (!reader.Flag())
                {
                    reader.Ue(); // scaling_list_pred_matrix_id_delta
                    continue;
                }

                var coefficients = Math.Min(64, 1 << (4 + (sizeId << 1)));
                if (sizeId > 1)
                {
                    reader.Se(); // scaling_list_dc_coef_minus8
                }

                for (var i = 0; i < coefficients && !reader.Failed; i++)
                {
                    reader.Se(); // scaling_list_delta_coef
                }
            }
        }
    }

    /// <summary>num_short_term_ref_pic_sets and each st_ref_pic_set(i) (§7.3.7), tracking NumDeltaPocs for prediction.</summary>
    private static bool TrySkipShortTermRefPicSets(ref BitReader reader)
    {
        var count = reader.Ue();
        if (count > MaxShortTermRefPicSets)
        {
            return false;
        }

        Span<int> deltaPocCounts = stackalloc int[MaxShortTermRefPicSets];
        for (var index = 0; index < count && !reader.Failed; index++)
        {
            if (index != 0 && reader.Flag())
            {
                // Inter-RPS prediction from the previous set (delta_idx_minus1 is absent in the SPS).
                reader.Skip(1); // delta_rps_sign
                reader.Ue(); // abs_delta_rps_minus1
                var predicted = 0;
                for (var j = 0; j <= deltaPocCounts[index - 1] && !reader.Failed; j++)
                {
                    var used = reader.Flag();
                    if (used || reader.Flag())
                    {
                        predicted++;
                    }
                }

                deltaPocCounts[index] = predicted;
                continue;
            }

            var negative = reader.Ue();
            var positive = reader.Ue();
            if (negative > 16 || positive > 16)
            {
                return false;
            }

            deltaPocCounts[index] = (int)(negative + positive);
            for (var k = 0; k < deltaPocCounts[index] && !reader.Failed; k++)
            {
                reader.Ue(); // delta_poc_s0/s1_minus1
                reader.Skip(1); // used_by_curr_pic_s0/s1_flag
            }
        }

        return !reader.Failed;
    }

    private static void SkipUe(ref BitReader reader, int count)
    {
        for (var i = 0; i < count; i++)
        {
            reader.Ue();
        }
    }
}
