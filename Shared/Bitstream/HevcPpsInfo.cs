namespace Vtr.Shared.Bitstream;

/// <summary>The HEVC picture parameter set fields (ITU-T H.265 §7.3.2.3.1) that decide hvcC's parallelismType.</summary>
public sealed record HevcPpsInfo(int PpsId, int SpsId, bool TilesEnabled, bool EntropyCodingSyncEnabled)
{
    /// <summary>
    /// hvcC parallelismType as FFmpeg 5.1 libavformat/hevc.c derives it: 0 mixed (tiles and
    /// wavefronts), 3 wavefront, 2 tiles, 1 slices.
    /// </summary>
    public int ParallelismType => (TilesEnabled, EntropyCodingSyncEnabled) switch
    {
        (true, true) => 0,
        (false, true) => 3,
        (true, false) => 2,
        _ => 1,
    };

    /// <summary>Parses a PPS NAL (2-byte header included, still escaped). Returns false when damaged.</summary>
    public static bool TryParse(ReadOnlySpan<byte> nal, out HevcPpsInfo? info)
    {
        info = null;
        if (HevcNalUnitType.Of(nal) != HevcNalUnitType.Pps || nal.Length < 3)
        {
            return false;
        }

        Span<byte> scratch = nal.Length <= 512 ? stackalloc byte[512] : new byte[nal.Length];
        var reader = new BitReader(Rbsp.UnescapeIfNeeded(nal, scratch)[2..]);
        var ppsId = reader.Ue();
        var spsId = reader.Ue();

        // dependent_slice_segments, output_flag_present, num_extra_slice_header_bits(3),
        // sign_data_hiding, cabac_init_present.
        reader.Skip(7);
        reader.Ue(); // num_ref_idx_l0_default_active_minus1
        reader.Ue(); // num_ref_idx_l1_default_active_minus1
        reader.Se(); // init_qp_minus26
        reader.Skip(2); // constrained_intra_pred, transform_skip_enabled
        if (reader.Flag())
        {
            reader.Ue(); // diff_cu_qp_delta_depth
        }

        reader.Se(); // pps_cb_qp_offset
        reader.Se(); // pps_cr_qp_offset
        reader.Skip(4); // slice_chroma_qp_offsets_present, weighted_pred, weighted_bipred, transquant_bypass
        var tiles = reader.Flag();
        var entropySync = reader.Flag();
        if (reader.Failed || ppsId > 63 || spsId > 15)
        {
            return false;
        }

        info = new HevcPpsInfo((int)ppsId, (int)spsId, tiles, entropySync);
        return true;
    }
}
