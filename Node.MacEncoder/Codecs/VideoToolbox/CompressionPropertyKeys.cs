namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// The VideoToolbox keys the original server sets (WIRE.md §4.2). Every compression property is declared in
/// VideoToolbox/VTCompressionProperties.h as <c>VT_EXPORT const CFStringRef kVTCompressionPropertyKey_*</c>;
/// the encoder-specification keys <c>kVTVideoEncoderSpecification_*</c> live in the same header.
/// </summary>
public static class CompressionPropertyKeys
{
    public const string Header = "VideoToolbox/VTCompressionProperties.h";

    public static readonly VtSymbol AverageBitRate = Key("AverageBitRate");
    public static readonly VtSymbol ConstantBitRate = Key("ConstantBitRate");
    public static readonly VtSymbol DataRateLimits = Key("DataRateLimits");
    public static readonly VtSymbol MaxKeyFrameInterval = Key("MaxKeyFrameInterval");
    public static readonly VtSymbol AllowFrameReordering = Key("AllowFrameReordering");
    public static readonly VtSymbol AllowOpenGop = Key("AllowOpenGOP");
    public static readonly VtSymbol Quality = Key("Quality");
    public static readonly VtSymbol MinAllowedFrameQp = Key("MinAllowedFrameQP");
    public static readonly VtSymbol MaxAllowedFrameQp = Key("MaxAllowedFrameQP");
    public static readonly VtSymbol ProfileLevel = Key("ProfileLevel");
    public static readonly VtSymbol H264EntropyMode = Key("H264EntropyMode");
    public static readonly VtSymbol RealTime = Key("RealTime");
    public static readonly VtSymbol MoreFramesBeforeStart = Key("MoreFramesBeforeStart");
    public static readonly VtSymbol MoreFramesAfterEnd = Key("MoreFramesAfterEnd");
    public static readonly VtSymbol PrioritizeEncodingSpeedOverQuality = Key("PrioritizeEncodingSpeedOverQuality");
    public static readonly VtSymbol MaximizePowerEfficiency = Key("MaximizePowerEfficiency");
    public static readonly VtSymbol SpatialAdaptiveQpLevel = Key("SpatialAdaptiveQPLevel");
    public static readonly VtSymbol ReferenceBufferCount = Key("ReferenceBufferCount");
    public static readonly VtSymbol MaxH264SliceBytes = Key("MaxH264SliceBytes");
    public static readonly VtSymbol TargetQualityForAlpha = Key("TargetQualityForAlpha");
    public static readonly VtSymbol MaxFrameDelayCount = Key("MaxFrameDelayCount");
    public static readonly VtSymbol ExpectedFrameRate = Key("ExpectedFrameRate");
    public static readonly VtSymbol ColorPrimaries = Key("ColorPrimaries");
    public static readonly VtSymbol TransferFunction = Key("TransferFunction");
    public static readonly VtSymbol YCbCrMatrix = Key("YCbCrMatrix");
    public static readonly VtSymbol GammaLevel = Key("GammaLevel");
    public static readonly VtSymbol PixelAspectRatio = Key("PixelAspectRatio");

    /// <summary>CFData, 24 bytes: the big-endian D.2.28 mastering display colour volume SEI payload (macOS 10.13+).</summary>
    public static readonly VtSymbol MasteringDisplayColorVolume = Key("MasteringDisplayColorVolume");

    /// <summary>CFData, 4 bytes: the big-endian content light level info SEI payload (macOS 10.13+).</summary>
    public static readonly VtSymbol ContentLightLevelInfo = Key("ContentLightLevelInfo");

    /// <summary>Every session property the plan may set (for `vtr doctor`'s supported-property report).</summary>
    public static IReadOnlyList<VtSymbol> SessionProperties { get; } =
    [
        AverageBitRate, ConstantBitRate, DataRateLimits, MaxKeyFrameInterval, AllowFrameReordering, AllowOpenGop, Quality,
        MinAllowedFrameQp, MaxAllowedFrameQp, ProfileLevel, H264EntropyMode, RealTime, MoreFramesBeforeStart, MoreFramesAfterEnd,
        PrioritizeEncodingSpeedOverQuality, MaximizePowerEfficiency, SpatialAdaptiveQpLevel, ReferenceBufferCount, MaxH264SliceBytes,
        TargetQualityForAlpha, MaxFrameDelayCount, ExpectedFrameRate, ColorPrimaries, TransferFunction, YCbCrMatrix, GammaLevel,
        PixelAspectRatio, MasteringDisplayColorVolume, ContentLightLevelInfo,
    ];

    public static readonly VtSymbol EnableHardwareAcceleratedVideoEncoder = Spec("EnableHardwareAcceleratedVideoEncoder");
    public static readonly VtSymbol RequireHardwareAcceleratedVideoEncoder = Spec("RequireHardwareAcceleratedVideoEncoder");
    public static readonly VtSymbol EnableLowLatencyRateControl = Spec("EnableLowLatencyRateControl");

    /// <summary>kVTH264EntropyMode_CAVLC / _CABAC, values of <see cref="H264EntropyMode"/>.</summary>
    public static readonly VtSymbol EntropyCavlc = new("kVTH264EntropyMode_CAVLC", VtFramework.VideoToolbox);

    public static readonly VtSymbol EntropyCabac = new("kVTH264EntropyMode_CABAC", VtFramework.VideoToolbox);

    /// <summary>kVTQPModulationLevel_Default (-1): VTCompressionProperties.h, value of SpatialAdaptiveQPLevel.</summary>
    public const int QpModulationLevelDefault = -1;

    /// <summary>kVTQPModulationLevel_Disable (0).</summary>
    public const int QpModulationLevelDisable = 0;

    /// <summary>Keys of the PixelAspectRatio dictionary (CoreVideo/CVImageBuffer.h).</summary>
    public static readonly VtSymbol PixelAspectRatioHorizontalSpacing =
        new("kCVImageBufferPixelAspectRatioHorizontalSpacingKey", VtFramework.CoreVideo);

    public static readonly VtSymbol PixelAspectRatioVerticalSpacing =
        new("kCVImageBufferPixelAspectRatioVerticalSpacingKey", VtFramework.CoreVideo);

    private static VtSymbol Key(string name) => new("kVTCompressionPropertyKey_" + name, VtFramework.VideoToolbox);

    private static VtSymbol Spec(string name) => new("kVTVideoEncoderSpecification_" + name, VtFramework.VideoToolbox);
}
