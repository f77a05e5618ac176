namespace Vtr.Shared.Bitstream;

/// <summary>
/// The start of an H.264 slice header (ITU-T H.264 §7.3.3) as far as field_pic_flag: whether an access unit codes a
/// whole frame or one field of a pair (PAFF), which decides when its picture is complete.
/// </summary>
public static class H264SliceHeader
{
    /// <summary>Enough of an escaped slice NAL for the fields read here (ue(v) ≤ 65 bits each, frame_num ≤ 16).</summary>
    private const int HeadBytes = 48;

    /// <summary>
    /// Reads field_pic_flag from the first coded slice NAL (type 1 or 5) of <paramref name="annexB"/>, interpreting it
    /// with <paramref name="sps"/>. False when the data holds no slice or cannot be read; a stream whose SPS has
    /// frame_mbs_only_flag set codes frames only.
    /// </summary>
    public static bool TryReadFieldPicture(ReadOnlySpan<byte> annexB, H264SpsInfo sps, out bool fieldPicture)
    {
        ArgumentNullException.ThrowIfNull(sps);
        fieldPicture = false;
        var nals = NalUnitReader.ForAnnexB(annexB);
        while (nals.MoveNext())
        {
            var type = H264NalUnitType.Of(nals.Current);
            if (type is not (H264NalUnitType.NonIdrSlice or H264NalUnitType.Idr))
            {
                continue;
            }

            if (sps.FrameMbsOnly)
            {
                return true;
            }

            var nal = nals.Current[..Math.Min(nals.Current.Length, HeadBytes)];
            Span<byte> scratch = stackalloc byte[HeadBytes];
            var reader = new BitReader(Rbsp.UnescapeIfNeeded(nal, scratch)[1..]);
            reader.Ue(); // first_mb_in_slice
            reader.Ue(); // slice_type
            reader.Ue(); // pic_parameter_set_id
            if (sps.SeparateColourPlane)
            {
                reader.Skip(2); // colour_plane_id
            }

            reader.Skip(sps.Log2MaxFrameNum); // frame_num
            fieldPicture = reader.Flag();
            return !reader.Failed;
        }

        return false;
    }
}
