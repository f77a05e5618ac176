namespace Vtr.Shared.Bitstream;

/// <summary>
/// The H.264 vui_parameters() walk (ITU-T H.264 Annex E.1.1): aspect ratio, overscan, video signal,
/// chroma location, timing, NAL and VCL HRD parameters, low_delay_hrd, pic_struct, and the
/// bitstream_restriction block whose max_num_reorder_frames sets a decoder's reorder depth.
/// </summary>
internal static class H264VuiSyntax
{
    private const int ExtendedSar = 255;
    private const int MaxCpbCount = 32;

    /// <summary>
    /// Walks vui_parameters() from aspect_ratio_info_present_flag to the end of the VUI. Reports where
    /// bitstream_restriction_flag lies and, when that flag is 1, where max_num_reorder_frames lies
    /// and its value (<paramref name="reorderField"/> has length 0 when the flag is 0).
    /// </summary>
    public static bool TryLocateReorderField(
        ref BitReader reader, out long restrictionFlagPosition, out BitRange reorderField, out uint maxNumReorderFrames)
    {
        reorderField = default;
        maxNumReorderFrames = 0;
        if (reader.Flag() && reader.U(8) == ExtendedSar)
        {
            reader.Skip(32); // sar_width, sar_height
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
                reader.Skip(24); // colour_primaries, transfer_characteristics, matrix_coefficients
            }
        }

        if (reader.Flag())
        {
            reader.Ue(); // chroma_sample_loc_type_top_field
            reader.Ue(); // chroma_sample_loc_type_bottom_field
        }

        if (reader.Flag())
        {
            reader.Skip(65); // num_units_in_tick, time_scale, fixed_frame_rate_flag
        }

        var nalHrd = reader.Flag() && TrySkipHrdParameters(ref reader);
        var vclHrd = !reader.Failed && reader.Flag() && TrySkipHrdParameters(ref reader);
        if (nalHrd || vclHrd)
        {
            reader.Skip(1); // low_delay_hrd_flag
        }

        reader.Skip(1); // pic_struct_present_flag
        restrictionFlagPosition = reader.BitPosition;
        if (reader.Flag())
        {
            reader.Skip(1); // motion_vectors_over_pic_boundaries_flag
            reader.Ue(); // max_bytes_per_pic_denom
            reader.Ue(); // max_bits_per_mb_denom
            reader.Ue(); // log2_max_mv_length_horizontal
            reader.Ue(); // log2_max_mv_length_vertical
            var start = reader.BitPosition;
            maxNumReorderFrames = reader.Ue();
            reorderField = new BitRange(start, reader.BitPosition - start);
            reader.Ue(); // max_dec_frame_buffering
        }

        return !reader.Failed;
    }

    /// <summary>hrd_parameters() (Annex E.1.2). Returns true when it was read whole.</summary>
    private static bool TrySkipHrdParameters(ref BitReader reader)
    {
        var cpbCount = reader.Ue() + 1;
        if (cpbCount > MaxCpbCount)
        {
            reader.Skip(reader.BitsLeft + 1); // latch Failed: cpb_cnt_minus1 is at most 31
            return false;
        }

        reader.Skip(8); // bit_rate_scale, cpb_size_scale
        for (var i = 0; i < cpbCount && !reader.Failed; i++)
        {
            reader.Ue(); // bit_rate_value_minus1
            reader.Ue(); // cpb_size_value_minus1
            reader.Skip(1); // cbr_flag
        }

        reader.Skip(20); // initial_cpb_removal_delay, cpb_removal_delay, dpb_output_delay, time_offset lengths
        return !reader.Failed;
    }
}
