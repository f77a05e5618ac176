using System.Collections.Immutable;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>A typed value for a VideoToolbox property, turned into a CF object only on macOS.</summary>
public abstract record VtValue
{
    /// <summary>The exported constants building this value reads; a macOS older than one of them cannot build it.</summary>
    public virtual IReadOnlyList<VtSymbol> Symbols => [];
}

/// <summary>kCFBooleanTrue / kCFBooleanFalse.</summary>
public sealed record VtBoolean(bool Value) : VtValue;

/// <summary>CFNumber of kCFNumberSInt32Type.</summary>
public sealed record VtInt32(int Value) : VtValue;

/// <summary>CFNumber of kCFNumberFloat64Type.</summary>
public sealed record VtDouble(double Value) : VtValue;

/// <summary>An exported CFString constant, e.g. kVTProfileLevel_H264_High_AutoLevel.</summary>
public sealed record VtConstant(VtSymbol Symbol) : VtValue
{
    public override IReadOnlyList<VtSymbol> Symbols => [Symbol];
}

/// <summary>CFData, e.g. the big-endian SEI payloads of MasteringDisplayColorVolume and ContentLightLevelInfo.</summary>
public sealed record VtData(ImmutableArray<byte> Bytes) : VtValue;

/// <summary>DataRateLimits: a CFArray of [bytes (CFNumber SInt64), seconds (CFNumber Float64)].</summary>
public sealed record VtDataRateLimits(long Bytes, double Seconds) : VtValue;

/// <summary>PixelAspectRatio: a CFDictionary of horizontal and vertical spacing (CFNumber SInt32).</summary>
public sealed record VtPixelAspectRatio(int HorizontalSpacing, int VerticalSpacing) : VtValue
{
    public override IReadOnlyList<VtSymbol> Symbols =>
        [CompressionPropertyKeys.PixelAspectRatioHorizontalSpacing, CompressionPropertyKeys.PixelAspectRatioVerticalSpacing];
}

/// <summary>
/// One property to set, in order. A failed fatal property ends the session; others become warnings.
/// <paramref name="Fallback"/> is set instead when this property fails, so the client's option is still honoured
/// another way (ConstantBitRate → AverageBitRate on a macOS or encoder without CBR).
/// </summary>
public sealed record PlannedProperty(VtSymbol Key, VtValue Value, bool Fatal, IReadOnlyList<PlannedProperty>? Fallback = null)
{
    public string KeyName => Key.ShortName;

    /// <summary>The key followed by every constant its value reads: all must be exported to set it.</summary>
    public IEnumerable<VtSymbol> Symbols => Value.Symbols.Prepend(Key);
}
