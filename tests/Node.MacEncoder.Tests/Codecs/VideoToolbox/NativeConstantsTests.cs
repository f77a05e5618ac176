using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Vtr.Node.Codecs.VideoToolbox;
using Vtr.Node.Codecs.VideoToolbox.Interop;
using Vtr.Shared.Media;
using Keys = Vtr.Node.Codecs.VideoToolbox.CompressionPropertyKeys;

namespace Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;

/// <summary>
/// Facts read from Apple's SDK headers (and cross-checked against dotnet/macios bindings), recorded so a change
/// is a visible test diff. On macOS the symbols are loaded from the export tables; here only names are checked.
/// </summary>
public class NativeConstantsTests
{
    public static TheoryData<string, string, string> Symbols => new()
    {
        // key name the plan uses, exported C symbol, header that declares it
        { "AverageBitRate", "kVTCompressionPropertyKey_AverageBitRate", "VideoToolbox/VTCompressionProperties.h" },
        { "ConstantBitRate", "kVTCompressionPropertyKey_ConstantBitRate", "VideoToolbox/VTCompressionProperties.h" },
        { "DataRateLimits", "kVTCompressionPropertyKey_DataRateLimits", "VideoToolbox/VTCompressionProperties.h" },
        { "MaxKeyFrameInterval", "kVTCompressionPropertyKey_MaxKeyFrameInterval", "VideoToolbox/VTCompressionProperties.h" },
        { "AllowFrameReordering", "kVTCompressionPropertyKey_AllowFrameReordering", "VideoToolbox/VTCompressionProperties.h" },
        { "AllowOpenGOP", "kVTCompressionPropertyKey_AllowOpenGOP", "VideoToolbox/VTCompressionProperties.h" },
        { "Quality", "kVTCompressionPropertyKey_Quality", "VideoToolbox/VTCompressionProperties.h" },
        { "MinAllowedFrameQP", "kVTCompressionPropertyKey_MinAllowedFrameQP", "VideoToolbox/VTCompressionProperties.h" },
        { "MaxAllowedFrameQP", "kVTCompressionPropertyKey_MaxAllowedFrameQP", "VideoToolbox/VTCompressionProperties.h" },
        { "ProfileLevel", "kVTCompressionPropertyKey_ProfileLevel", "VideoToolbox/VTCompressionProperties.h" },
        { "H264EntropyMode", "kVTCompressionPropertyKey_H264EntropyMode", "VideoToolbox/VTCompressionProperties.h" },
        { "RealTime", "kVTCompressionPropertyKey_RealTime", "VideoToolbox/VTCompressionProperties.h" },
        { "MoreFramesBeforeStart", "kVTCompressionPropertyKey_MoreFramesBeforeStart", "VideoToolbox/VTCompressionProperties.h" },
        { "MoreFramesAfterEnd", "kVTCompressionPropertyKey_MoreFramesAfterEnd", "VideoToolbox/VTCompressionProperties.h" },
        { "PrioritizeEncodingSpeedOverQuality", "kVTCompressionPropertyKey_PrioritizeEncodingSpeedOverQuality", "VideoToolbox/VTCompressionProperties.h" },
        { "MaximizePowerEfficiency", "kVTCompressionPropertyKey_MaximizePowerEfficiency", "VideoToolbox/VTCompressionProperties.h" },
        { "SpatialAdaptiveQPLevel", "kVTCompressionPropertyKey_SpatialAdaptiveQPLevel", "VideoToolbox/VTCompressionProperties.h" },
        { "ReferenceBufferCount", "kVTCompressionPropertyKey_ReferenceBufferCount", "VideoToolbox/VTCompressionProperties.h" },
        { "MaxH264SliceBytes", "kVTCompressionPropertyKey_MaxH264SliceBytes", "VideoToolbox/VTCompressionProperties.h" },
        { "TargetQualityForAlpha", "kVTCompressionPropertyKey_TargetQualityForAlpha", "VideoToolbox/VTCompressionProperties.h" },
        { "MaxFrameDelayCount", "kVTCompressionPropertyKey_MaxFrameDelayCount", "VideoToolbox/VTCompressionProperties.h" },
        { "ExpectedFrameRate", "kVTCompressionPropertyKey_ExpectedFrameRate", "VideoToolbox/VTCompressionProperties.h" },
        { "ColorPrimaries", "kVTCompressionPropertyKey_ColorPrimaries", "VideoToolbox/VTCompressionProperties.h" },
        { "TransferFunction", "kVTCompressionPropertyKey_TransferFunction", "VideoToolbox/VTCompressionProperties.h" },
        { "YCbCrMatrix", "kVTCompressionPropertyKey_YCbCrMatrix", "VideoToolbox/VTCompressionProperties.h" },
        { "GammaLevel", "kVTCompressionPropertyKey_GammaLevel", "VideoToolbox/VTCompressionProperties.h" },
        { "PixelAspectRatio", "kVTCompressionPropertyKey_PixelAspectRatio", "VideoToolbox/VTCompressionProperties.h" },
        { "MasteringDisplayColorVolume", "kVTCompressionPropertyKey_MasteringDisplayColorVolume", "VideoToolbox/VTCompressionProperties.h" },
        { "ContentLightLevelInfo", "kVTCompressionPropertyKey_ContentLightLevelInfo", "VideoToolbox/VTCompressionProperties.h" },
        { "EnableHardwareAcceleratedVideoEncoder", "kVTVideoEncoderSpecification_EnableHardwareAcceleratedVideoEncoder", "VideoToolbox/VTCompressionProperties.h" },
        { "RequireHardwareAcceleratedVideoEncoder", "kVTVideoEncoderSpecification_RequireHardwareAcceleratedVideoEncoder", "VideoToolbox/VTCompressionProperties.h" },
        { "EnableLowLatencyRateControl", "kVTVideoEncoderSpecification_EnableLowLatencyRateControl", "VideoToolbox/VTCompressionProperties.h" },
    };

    [Theory]
    [MemberData(nameof(Symbols))]
    public void Every_key_is_the_exported_symbol_of_its_header(string keyName, string symbol, string header)
    {
        var key = AllKeys().Single(k => k.ShortName == keyName);
        Assert.Equal(symbol, key.Name);
        Assert.Equal(VtFramework.VideoToolbox, key.Framework);
        Assert.Equal(Keys.Header, header);
    }

    [Fact]
    public void Every_declared_key_is_recorded_in_the_symbol_table()
    {
        var recorded = Symbols.Select(row => (string)row[1]).ToHashSet();
        Assert.All(AllKeys(), key => Assert.Contains(key.Name, recorded));
    }

    [Fact]
    public void CMTime_is_24_bytes_with_CoreMedia_field_offsets()
    {
        Assert.Equal(24, Marshal.SizeOf<CMTime>());
        Assert.Equal(24, Unsafe.SizeOf<CMTime>());
        var time = new CMTime(0x0102030405060708, 0x11121314, 0x21222324, 0x3132333435363738);
        var bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<CMTime>(in time));
        Assert.Equal(0x0102030405060708, BitConverter.ToInt64(bytes[..8]));
        Assert.Equal(0x11121314, BitConverter.ToInt32(bytes[8..12]));
        Assert.Equal(0x21222324u, BitConverter.ToUInt32(bytes[12..16]));
        Assert.Equal(0x3132333435363738, BitConverter.ToInt64(bytes[16..24]));
        Assert.Equal(72, Marshal.SizeOf<CMSampleTimingInfo>());
    }

    [Fact]
    public void CMTime_flags_match_CMTime_h()
    {
        Assert.Equal(1u, CMTime.FlagsValid);
        Assert.Equal(2u, CMTime.FlagsHasBeenRounded);
        Assert.Equal(4u, CMTime.FlagsPositiveInfinity);
        Assert.Equal(8u, CMTime.FlagsNegativeInfinity);
        Assert.Equal(16u, CMTime.FlagsIndefinite);
        Assert.False(CMTime.Invalid.IsValid);
    }

    [Theory]
    [InlineData("420v", 0x34323076u)]
    [InlineData("420f", 0x34323066u)]
    [InlineData("x420", 0x78343230u)]
    [InlineData("xf20", 0x78663230u)]
    [InlineData("avc1", 0x61766331u)]
    [InlineData("hvc1", 0x68766331u)]
    public void Four_character_codes_read_big_endian(string text, uint code)
    {
        Assert.Equal(code, PixelFormatCodes.FromString(text));
        Assert.Equal(text, PixelFormatCodes.ToText(code));
    }

    [Fact]
    public void Wire_formats_and_codecs_pick_the_original_servers_codes()
    {
        Assert.Equal(PixelFormatCodes.Nv12VideoRange, PixelFormatCodes.ForWire(WirePixelFormat.Nv12));
        Assert.Equal(PixelFormatCodes.P010VideoRange, PixelFormatCodes.ForWire(WirePixelFormat.P010));
        Assert.Equal(PixelFormatCodes.FromString("avc1"), PixelFormatCodes.ForCodec(VideoCodec.H264));
        Assert.Equal(PixelFormatCodes.FromString("hvc1"), PixelFormatCodes.ForCodec(VideoCodec.Hevc));
    }

    [Theory]
    [InlineData(-12900, "kVTPropertyNotSupportedErr")]
    [InlineData(-12901, "kVTPropertyReadOnlyErr")]
    [InlineData(-12902, "kVTParameterErr")]
    [InlineData(-12903, "kVTInvalidSessionErr")]
    [InlineData(-12904, "kVTAllocationFailedErr")]
    [InlineData(-12906, "kVTCouldNotFindVideoDecoderErr")]
    [InlineData(-12908, "kVTCouldNotFindVideoEncoderErr")]
    [InlineData(-12909, "kVTVideoDecoderBadDataErr")]
    [InlineData(-12911, "kVTVideoDecoderMalfunctionErr")]
    [InlineData(-12912, "kVTVideoEncoderMalfunctionErr")]
    [InlineData(-12915, "kVTVideoEncoderNotAvailableNowErr")]
    [InlineData(-1, "-1")]
    public void OSStatus_codes_of_VTErrors_h_are_named(int status, string name) => Assert.Equal(name, VtStatus.Describe(status));

    [Fact]
    public void Status_exception_carries_code_and_recoverability()
    {
        var malfunction = new VideoToolboxException("VTCompressionSessionEncodeFrame", VtStatus.VideoEncoderMalfunction);
        Assert.True(malfunction.IsRecoverable);
        Assert.Contains("kVTVideoEncoderMalfunctionErr", malfunction.Message, StringComparison.Ordinal);
        Assert.False(new VideoToolboxException("set X", VtStatus.PropertyNotSupported).IsRecoverable);
    }

    private static IEnumerable<VtSymbol> AllKeys() => typeof(Keys).GetFields()
        .Where(f => f.FieldType == typeof(VtSymbol))
        .Select(f => (VtSymbol)f.GetValue(null)!)
        .Where(s => s.Name.StartsWith("kVTCompressionPropertyKey_", StringComparison.Ordinal)
                    || s.Name.StartsWith("kVTVideoEncoderSpecification_", StringComparison.Ordinal));
}
