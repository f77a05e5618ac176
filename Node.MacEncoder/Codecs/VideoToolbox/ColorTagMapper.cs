namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>A transfer function constant, plus the gamma level when it is kCVImageBufferTransferFunction_UseGamma.</summary>
public readonly record struct TransferTag(VtSymbol Function, double? GammaLevel);

/// <summary>
/// FFmpeg colour enum numbers (WIRE.md §4.3) to CoreVideo/CVImageBuffer.h constants, as the original server maps
/// them (§4.2). Unmapped values (including 2 = unspecified) return null: the property is not set.
/// </summary>
public static class ColorTagMapper
{
    public const string Header = "CoreVideo/CVImageBuffer.h";

    public static VtSymbol? Primaries(int avColorPrimaries) => avColorPrimaries switch
    {
        1 => Cv("kCVImageBufferColorPrimaries_ITU_R_709_2"),
        5 => Cv("kCVImageBufferColorPrimaries_EBU_3213"),
        6 => Cv("kCVImageBufferColorPrimaries_SMPTE_C"),
        9 => Cv("kCVImageBufferColorPrimaries_ITU_R_2020"),
        _ => null,
    };

    public static TransferTag? Transfer(int avColorTransfer) => avColorTransfer switch
    {
        1 => Tag("kCVImageBufferTransferFunction_ITU_R_709_2"),
        4 => new TransferTag(Cv("kCVImageBufferTransferFunction_UseGamma"), 2.2),
        5 => new TransferTag(Cv("kCVImageBufferTransferFunction_UseGamma"), 2.8),
        7 => Tag("kCVImageBufferTransferFunction_SMPTE_240M_1995"),
        14 or 15 => Tag("kCVImageBufferTransferFunction_ITU_R_2020"),
        16 => Tag("kCVImageBufferTransferFunction_SMPTE_ST_2084_PQ"),
        17 => Tag("kCVImageBufferTransferFunction_SMPTE_ST_428_1"),
        18 => Tag("kCVImageBufferTransferFunction_ITU_R_2100_HLG"),
        _ => null,
    };

    public static VtSymbol? Matrix(int avColorSpace) => avColorSpace switch
    {
        1 => Cv("kCVImageBufferYCbCrMatrix_ITU_R_709_2"),
        5 or 6 => Cv("kCVImageBufferYCbCrMatrix_ITU_R_601_4"),
        7 => Cv("kCVImageBufferYCbCrMatrix_SMPTE_240M_1995"),
        9 or 10 => Cv("kCVImageBufferYCbCrMatrix_ITU_R_2020"),
        _ => null,
    };

    private static TransferTag Tag(string name) => new(Cv(name), null);

    private static VtSymbol Cv(string name) => new(name, VtFramework.CoreVideo);
}
