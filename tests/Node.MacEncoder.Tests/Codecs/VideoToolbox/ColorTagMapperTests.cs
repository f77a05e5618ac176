using Vtr.Node.Codecs.VideoToolbox;

namespace Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;

public class ColorTagMapperTests
{
    [Theory]
    [InlineData(1, "kCVImageBufferColorPrimaries_ITU_R_709_2")]
    [InlineData(5, "kCVImageBufferColorPrimaries_EBU_3213")]
    [InlineData(6, "kCVImageBufferColorPrimaries_SMPTE_C")]
    [InlineData(9, "kCVImageBufferColorPrimaries_ITU_R_2020")]
    [InlineData(2, null)]
    [InlineData(22, null)]
    public void Primaries_map(int value, string? expected) => Assert.Equal(expected, ColorTagMapper.Primaries(value)?.Name);

    [Theory]
    [InlineData(1, "kCVImageBufferTransferFunction_ITU_R_709_2", null)]
    [InlineData(4, "kCVImageBufferTransferFunction_UseGamma", 2.2)]
    [InlineData(5, "kCVImageBufferTransferFunction_UseGamma", 2.8)]
    [InlineData(7, "kCVImageBufferTransferFunction_SMPTE_240M_1995", null)]
    [InlineData(14, "kCVImageBufferTransferFunction_ITU_R_2020", null)]
    [InlineData(15, "kCVImageBufferTransferFunction_ITU_R_2020", null)]
    [InlineData(16, "kCVImageBufferTransferFunction_SMPTE_ST_2084_PQ", null)]
    [InlineData(17, "kCVImageBufferTransferFunction_SMPTE_ST_428_1", null)]
    [InlineData(18, "kCVImageBufferTransferFunction_ITU_R_2100_HLG", null)]
    public void Transfer_functions_map(int value, string expected, double? gamma)
    {
        var tag = ColorTagMapper.Transfer(value);
        Assert.Equal(expected, tag!.Value.Function.Name);
        Assert.Equal(gamma, tag.Value.GammaLevel);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(13)]
    public void Unmapped_transfer_sets_nothing(int value) => Assert.Null(ColorTagMapper.Transfer(value));

    [Theory]
    [InlineData(1, "kCVImageBufferYCbCrMatrix_ITU_R_709_2")]
    [InlineData(5, "kCVImageBufferYCbCrMatrix_ITU_R_601_4")]
    [InlineData(6, "kCVImageBufferYCbCrMatrix_ITU_R_601_4")]
    [InlineData(7, "kCVImageBufferYCbCrMatrix_SMPTE_240M_1995")]
    [InlineData(9, "kCVImageBufferYCbCrMatrix_ITU_R_2020")]
    [InlineData(10, "kCVImageBufferYCbCrMatrix_ITU_R_2020")]
    [InlineData(2, null)]
    public void Matrices_map(int value, string? expected) => Assert.Equal(expected, ColorTagMapper.Matrix(value)?.Name);

    [Fact]
    public void Colour_constants_come_from_CoreVideo() =>
        Assert.Equal(VtFramework.CoreVideo, ColorTagMapper.Primaries(1)!.Value.Framework);
}
