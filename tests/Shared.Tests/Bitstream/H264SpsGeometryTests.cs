using Vtr.Shared.Bitstream;

namespace Vtr.Shared.Tests.Bitstream;

/// <summary>Coded size, cropping window and frame_num length read from hand-built baseline SPS NALs.</summary>
public sealed class H264SpsGeometryTests
{
    [Fact]
    public void A_320x180_stream_is_coded_as_320x192_with_12_rows_cropped()
    {
        Assert.True(H264SpsInfo.TryParse(Sps(widthInMbs: 20, heightInMbs: 12, cropLeft: 0, cropRight: 0, cropTop: 0, cropBottom: 6), out var sps));

        Assert.Equal((320, 180, 320, 192, 0, 0, 4), (sps!.Width, sps.Height, sps.CodedWidth, sps.CodedHeight, sps.CropLeft, sps.CropTop, sps.Log2MaxFrameNum));
    }

    [Fact]
    public void Left_and_top_crop_offsets_are_in_luma_samples()
    {
        Assert.True(H264SpsInfo.TryParse(Sps(widthInMbs: 20, heightInMbs: 12, cropLeft: 4, cropRight: 0, cropTop: 2, cropBottom: 0), out var sps));

        Assert.Equal((8, 4, 312, 188), (sps!.CropLeft, sps.CropTop, sps.Width, sps.Height));
    }

    [Fact]
    public void A_crafted_size_whose_crop_would_wrap_an_int_is_refused()
    {
        // 134217844 macroblocks wide, cropped back to 1920: libavcodec refuses it ("mb_width/height overflow").
        var crafted = Sps(widthInMbs: 134_217_844, heightInMbs: 12, cropLeft: 1_073_741_792, cropRight: 0, cropTop: 0, cropBottom: 0);

        Assert.False(H264SpsInfo.TryParse(crafted, out _));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Field_pic_flag_is_read_with_the_sps_the_slices_pps_names(bool field)
    {
        Assert.True(H264SpsInfo.TryParse(Sps(20, 6, 0, 0, 0, 0, frameMbsOnly: false), out var sps));
        byte[] accessUnit = [0, 0, 0, 1, 0x09, 0x10, 0, 0, 1, .. Slice(sps!, field, ppsId: 3)];

        Assert.True(H264SliceHeader.TryReadShape(accessUnit, pps => pps == 3 ? sps : null, out var shape));
        Assert.Equal(new H264PictureShape(3, field), shape);
        Assert.Equal(192, sps!.CodedHeight); // 6 map units of 32 rows
        Assert.False(H264SliceHeader.TryReadShape(accessUnit, _ => null, out _)); // unknown PPS
    }

    [Fact]
    public void Both_fields_of_a_pair_in_one_access_unit_make_a_whole_picture()
    {
        Assert.True(H264SpsInfo.TryParse(Sps(20, 6, 0, 0, 0, 0, frameMbsOnly: false), out var sps));
        byte[] pair = [0, 0, 1, .. Slice(sps!, field: true), 0, 0, 1, .. Slice(sps!, field: true, bottom: true)];

        Assert.True(H264SliceHeader.TryReadShape(pair, _ => sps, out var shape));
        Assert.False(shape.FieldPicture);
    }

    [Fact]
    public void A_progressive_stream_codes_frames_only_and_data_without_slices_is_not_read()
    {
        Assert.True(H264SpsInfo.TryParse(Sps(20, 12, 0, 0, 0, 0), out var sps));

        Assert.True(H264SliceHeader.TryReadShape([0, 0, 1, .. Slice(sps!, field: false)], _ => sps, out var shape));
        Assert.False(shape.FieldPicture);
        Assert.False(H264SliceHeader.TryReadShape([0, 0, 1, 0x09, 0x10], _ => sps, out _));
    }

    [Fact]
    public void A_pps_names_its_own_id_and_its_sps()
    {
        var buffer = new byte[8];
        var writer = new BitWriter(buffer);
        writer.WriteBits(0x68, 8);
        writer.WriteUe(5); // pic_parameter_set_id
        writer.WriteUe(2); // seq_parameter_set_id
        writer.WriteFlag(false); // entropy_coding_mode_flag
        writer.WriteTrailingBits();

        Assert.True(H264SliceHeader.TryReadPpsIds(buffer.AsSpan(0, writer.BytesWritten), out var ppsId, out var spsId));
        Assert.Equal((5, 2), (ppsId, spsId));
    }

    /// <summary>An IDR I-slice header up to field_pic_flag (and bottom_field_flag), then filler bits.</summary>
    internal static byte[] Slice(H264SpsInfo sps, bool field, uint ppsId = 0, bool bottom = false)
    {
        var buffer = new byte[16];
        var writer = new BitWriter(buffer);
        writer.WriteBits(0x65, 8); // nal_ref_idc 3, type 5 (IDR)
        writer.WriteUe(0); // first_mb_in_slice
        writer.WriteUe(7); // slice_type: I
        writer.WriteUe(ppsId); // pic_parameter_set_id
        writer.WriteBits(0, sps.Log2MaxFrameNum); // frame_num
        if (!sps.FrameMbsOnly)
        {
            writer.WriteFlag(field);
            if (field)
            {
                writer.WriteFlag(bottom); // bottom_field_flag
            }
        }

        writer.WriteBits(0x55, 8);
        writer.WriteTrailingBits();
        return buffer[..writer.BytesWritten];
    }

    /// <summary>Baseline profile, level 3.0, SPS id 0, frame_num 4 bits, POC type 2, one reference frame.</summary>
    private static byte[] Sps(uint widthInMbs, uint heightInMbs, uint cropLeft, uint cropRight, uint cropTop, uint cropBottom, bool frameMbsOnly = true)
    {
        var buffer = new byte[64];
        var writer = new BitWriter(buffer);
        writer.WriteBits(0x67, 8); // forbidden 0, nal_ref_idc 3, type 7
        writer.WriteBits(66, 8); // profile_idc: baseline
        writer.WriteBits(0, 8); // constraint flags
        writer.WriteBits(30, 8); // level_idc
        writer.WriteUe(0); // seq_parameter_set_id
        writer.WriteUe(0); // log2_max_frame_num_minus4
        writer.WriteUe(2); // pic_order_cnt_type
        writer.WriteUe(1); // max_num_ref_frames
        writer.WriteFlag(false); // gaps_in_frame_num_value_allowed_flag
        writer.WriteUe(widthInMbs - 1);
        writer.WriteUe(heightInMbs - 1);
        writer.WriteFlag(frameMbsOnly); // frame_mbs_only_flag
        if (!frameMbsOnly)
        {
            writer.WriteFlag(false); // mb_adaptive_frame_field_flag
        }

        writer.WriteFlag(true); // direct_8x8_inference_flag
        var cropped = cropLeft + cropRight + cropTop + cropBottom > 0;
        writer.WriteFlag(cropped);
        if (cropped)
        {
            writer.WriteUe(cropLeft);
            writer.WriteUe(cropRight);
            writer.WriteUe(cropTop);
            writer.WriteUe(cropBottom);
        }

        writer.WriteFlag(false); // vui_parameters_present_flag
        writer.WriteTrailingBits();
        return buffer[..writer.BytesWritten];
    }
}
