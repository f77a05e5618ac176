namespace Vtr.Shared.Bitstream;

/// <summary>What the slice headers of one H.264 access unit say about its picture (see <see cref="H264SliceHeader"/>).</summary>
/// <param name="PpsId">pic_parameter_set_id of the first slice: names the PPS, and through it the SPS, in use.</param>
/// <param name="FieldPicture">
/// The access unit codes exactly one field (PAFF), so its picture is complete only with the other field's access unit.
/// False for frames, and for a field pair carried whole in one packet (as MP4/MOV samples carry it).
/// </param>
public readonly record struct H264PictureShape(int PpsId, bool FieldPicture);

/// <summary>
/// The start of H.264 slice headers (ITU-T H.264 §7.3.3) as far as bottom_field_flag, and of picture parameter sets
/// as far as seq_parameter_set_id (§7.3.2.2).
/// </summary>
public static class H264SliceHeader
{
    /// <summary>Enough of an escaped NAL for the fields read here (ue(v) ≤ 65 bits each, frame_num ≤ 16).</summary>
    private const int HeadBytes = 48;

    /// <summary>
    /// Reads every coded slice NAL (type 1 or 5) of <paramref name="accessUnit"/>; <paramref name="spsOfPps"/> gives the
    /// SPS a PPS id refers to. False when the data holds no slice, a slice names an unknown PPS, or a header cannot be
    /// read.
    /// </summary>
    public static bool TryReadShape(ReadOnlySpan<byte> accessUnit, Func<int, H264SpsInfo?> spsOfPps, out H264PictureShape shape)
    {
        ArgumentNullException.ThrowIfNull(spsOfPps);
        shape = default;
        int? firstPps = null;
        var fieldsStarted = 0;
        Span<byte> scratch = stackalloc byte[HeadBytes];
        var nals = NalUnitReader.ForAnnexB(accessUnit);
        while (nals.MoveNext())
        {
            if (H264NalUnitType.Of(nals.Current) is not (H264NalUnitType.NonIdrSlice or H264NalUnitType.Idr))
            {
                continue;
            }

            var reader = new BitReader(Rbsp.UnescapeIfNeeded(nals.Current[..Math.Min(nals.Current.Length, HeadBytes)], scratch)[1..]);
            var firstMb = reader.Ue();
            reader.Ue(); // slice_type
            var ppsId = reader.Ue();
            if (reader.Failed || ppsId > 255 || spsOfPps((int)ppsId) is not { } sps)
            {
                return false;
            }

            firstPps ??= (int)ppsId;
            if (sps.FrameMbsOnly)
            {
                continue;
            }

            if (sps.SeparateColourPlane)
            {
                reader.Skip(2); // colour_plane_id
            }

            reader.Skip(sps.Log2MaxFrameNum); // frame_num
            var field = reader.Flag();
            if (reader.Failed)
            {
                return false;
            }

            if (field && firstMb == 0)
            {
                fieldsStarted++;
            }
        }

        shape = new H264PictureShape(firstPps ?? 0, fieldsStarted == 1);
        return firstPps is not null;
    }

    /// <summary>pic_parameter_set_id and seq_parameter_set_id of a PPS NAL (header byte included, still escaped).</summary>
    public static bool TryReadPpsIds(ReadOnlySpan<byte> ppsNal, out int ppsId, out int spsId)
    {
        ppsId = spsId = 0;
        if (H264NalUnitType.Of(ppsNal) != H264NalUnitType.Pps || ppsNal.Length < 2)
        {
            return false;
        }

        Span<byte> scratch = stackalloc byte[HeadBytes];
        var reader = new BitReader(Rbsp.UnescapeIfNeeded(ppsNal[..Math.Min(ppsNal.Length, HeadBytes)], scratch)[1..]);
        var pps = reader.Ue();
        var sps = reader.Ue();
        if (reader.Failed || pps > 255 || sps > 31)
        {
            return false;
        }

        (ppsId, spsId) = ((int)pps, (int)sps);
        return true;
    }
}
