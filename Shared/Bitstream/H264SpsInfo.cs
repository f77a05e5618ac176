using System.Diagnostics.CodeAnalysis;

namespace Vtr.Shared.Bitstream;

/// <summary>
/// The fields of an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) that avcC and session
/// setup need. <see cref="TryParse"/> takes the whole NAL (header byte included, still escaped).
/// </summary>
public sealed record H264SpsInfo
{
    public required int ProfileIdc { get; init; }

    /// <summary>constraint_set0..5 flags + reserved bits, the byte avcC calls profile_compatibility.</summary>
    public required byte ConstraintFlags { get; init; }

    public required int LevelIdc { get; init; }

    public required int SpsId { get; init; }

    /// <summary>0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4; 1 when the profile cannot signal it.</summary>
    public required int ChromaFormatIdc { get; init; }

    public required bool SeparateColourPlane { get; init; }

    public required int BitDepthLuma { get; init; }

    public required int BitDepthChroma { get; init; }

    public required bool FrameMbsOnly { get; init; }

    /// <summary>Display width: coded macroblocks minus the cropping window.</summary>
    public required int Width { get; init; }

    /// <summary>Display height: coded macroblock rows (doubled for field coding) minus the cropping window.</summary>
    public required int Height { get; init; }

    /// <summary>Macroblock columns × 16: the decoded picture's width before cropping.</summary>
    public int CodedWidth { get; init; }

    /// <summary>Macroblock rows × 16 (map units doubled for field coding): the height before cropping.</summary>
    public int CodedHeight { get; init; }

    /// <summary>log2_max_frame_num_minus4 + 4: the bit length of frame_num in slice headers.</summary>
    public int Log2MaxFrameNum { get; init; }

    /// <summary>Luma columns cropped away on the left (frame_crop_left_offset in samples).</summary>
    public int CropLeft { get; init; }

    /// <summary>Luma rows cropped away at the top (frame_crop_top_offset in samples).</summary>
    public int CropTop { get; init; }

    /// <summary>max_num_ref_frames: the reference frames the DPB must hold (0..16).</summary>
    public int MaxNumRefFrames { get; init; }

    /// <summary>
    /// Wider or taller than any level of Annex A allows (PicWidthInMbs ≤ √(8 × MaxFS) = 1055 at levels 6–6.2): anything
    /// above is damage, and the bound keeps every size computation far from overflow.
    /// </summary>
    private const long MaxCodedSize = 1056 * 16;

    /// <summary>Parses an SPS NAL. Returns false for a damaged or non-SPS NAL; never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> nal, out H264SpsInfo? info)
    {
        info = null;
        if (H264NalUnitType.Of(nal) != H264NalUnitType.Sps || nal.Length < 4)
        {
            return false;
        }

        Span<byte> scratch = nal.Length <= 512 ? stackalloc byte[512] : new byte[nal.Length];
        var reader = new BitReader(Rbsp.UnescapeIfNeeded(nal, scratch)[1..]);
        return TryRead(ref reader, out info);
    }

    /// <summary>
    /// Reads seq_parameter_set_data() from profile_idc through the frame cropping fields of an RBSP
    /// without its header byte, leaving <paramref name="reader"/> at vui_parameters_present_flag.
    /// </summary>
    internal static bool TryRead(ref BitReader reader, [NotNullWhen(true)] out H264SpsInfo? info)
    {
        info = null;
        var profileIdc = (int)reader.U(8);
        var constraintFlags = (byte)reader.U(8);
        var levelIdc = (int)reader.U(8);
        var spsId = reader.Ue();
        int chromaFormatIdc = 1, bitDepthLuma = 8, bitDepthChroma = 8;
        var separateColourPlane = false;
        if (HasChromaFormatFields(profileIdc))
        {
            chromaFormatIdc = (int)reader.Ue();
            separateColourPlane = chromaFormatIdc == 3 && reader.Flag();
            bitDepthLuma = (int)reader.Ue() + 8;
            bitDepthChroma = (int)reader.Ue() + 8;
            reader.Skip(1); // qpprime_y_zero_transform_bypass_flag
            if (reader.Flag() && !SkipScalingMatrix(ref reader, chromaFormatIdc == 3 ? 12 : 8))
            {
                return false;
            }
        }

        if (reader.Failed || spsId > 31 || chromaFormatIdc > 3 || bitDepthLuma > 14 || bitDepthChroma > 14)
        {
            return false;
        }

        var log2MaxFrameNum = reader.Ue() + 4;
        if (!SkipPictureOrderCount(ref reader))
        {
            return false;
        }

        var maxNumRefFrames = reader.Ue();
        reader.Skip(1); // gaps_in_frame_num_value_allowed_flag
        var widthInMbs = (long)reader.Ue() + 1;
        var heightInMapUnits = (long)reader.Ue() + 1;
        var frameMbsOnly = reader.Flag();
        if (!frameMbsOnly)
        {
            reader.Skip(1); // mb_adaptive_frame_field_flag
        }

        reader.Skip(1); // direct_8x8_inference_flag
        long cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
        if (reader.Flag())
        {
            cropLeft = reader.Ue();
            cropRight = reader.Ue();
            cropTop = reader.Ue();
            cropBottom = reader.Ue();
        }

        if (reader.Failed)
        {
            return false;
        }

        // §7.4.2.1.1: crop units are chroma samples, and frame rows count twice for field coding.
        var chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
        var cropUnitX = chromaArrayType is 1 or 2 ? 2 : 1;
        var cropUnitY = (chromaArrayType == 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
        var codedWidth = widthInMbs * 16;
        var codedHeight = (frameMbsOnly ? 1 : 2) * heightInMapUnits * 16;
        var width = codedWidth - (cropUnitX * (cropLeft + cropRight));
        var height = codedHeight - (cropUnitY * (cropTop + cropBottom));
        // Every long stays far from overflow: ue(v) reads at most 32 bits, and the coded size is bounded first.
        if (codedWidth > MaxCodedSize || codedHeight > MaxCodedSize || width <= 0 || height <= 0
            || maxNumRefFrames > 16 || log2MaxFrameNum > 16)
        {
            return false;
        }

        info = new H264SpsInfo
        {
            ProfileIdc = profileIdc,
            ConstraintFlags = constraintFlags,
            LevelIdc = levelIdc,
            SpsId = (int)spsId,
            ChromaFormatIdc = chromaFormatIdc,
            SeparateColourPlane = separateColourPlane,
            BitDepthLuma = bitDepthLuma,
            BitDepthChroma = bitDepthChroma,
            FrameMbsOnly = frameMbsOnly,
            Width = (int)width,
            Height = (int)height,
            CodedWidth = (int)codedWidth,
            CodedHeight = (int)codedHeight,
            Log2MaxFrameNum = (int)log2MaxFrameNum,
            CropLeft = (int)(cropUnitX * cropLeft),
            CropTop = (int)(cropUnitY * cropTop),
            MaxNumRefFrames = (int)maxNumRefFrames,
        };
        return true;
    }

    /// <summary>The profiles whose SPS carries chroma_format_idc and bit depths (§7.3.2.1.1).</summary>
    public static bool HasChromaFormatFields(int profileIdc) =>
        profileIdc is 100 or 110 or 122 or 244 or 44 or 83 or 86 or 118 or 128 or 138 or 139 or 134 or 135;

    private static bool SkipScalingMatrix(ref BitReader reader, int listCount)
    {
        for (var i = 0; i < listCount; i++)
        {
            if (!reader.Flag())
            {
                continue;
            }

            // scaling_list(): delta-coded until nextScale hits 0 (§7.3.2.1.1.1).
            var size = i < 6 ? 16 : 64;
            int lastScale = 8, nextScale = 8;
            for (var j = 0; j < size && !reader.Failed; j++)
            {
                if (nextScale != 0)
                {
                    nextScale = (lastScale + reader.Se() + 256) % 256;
                }

                lastScale = nextScale == 0 ? lastScale : nextScale;
            }
        }

        return !reader.Failed;
    }

    private static bool SkipPictureOrderCount(ref BitReader reader)
    {
        var type = reader.Ue();
        if (type == 0)
        {
            reader.Ue(); // log2_max_pic_order_cnt_lsb_minus4
        }
        else if (type == 1)
        {
            reader.Skip(1); // delta_pic_order_always_zero_flag
            reader.Se(); // offset_for_non_ref_pic
            reader.Se(); // offset_for_top_to_bottom_field
            var cycle = reader.Ue();
            if (cycle > 255)
            {
                return false;
            }

            for (var i = 0; i < cycle && !reader.Failed; i++)
            {
                reader.Se(); // offset_for_ref_frame
            }
        }
        else if (type > 2)
        {
            return false;
        }

        return !reader.Failed;
    }
}
