using System.Runtime.Versioning;

namespace Vtr.Node.Codecs.VideoToolbox.Interop;

/// <summary>Turns planned <see cref="VtValue"/>s into owned CF objects and dictionaries.</summary>
[SupportedOSPlatform("macos")]
internal static class CFValues
{
    public static SafeCFTypeHandle Create(VtValue value) => value switch
    {
        VtBoolean b => SafeCFTypeHandle.Retain(VtExports.ValueOf(b.Value ? "kCFBooleanTrue" : "kCFBooleanFalse", VtFramework.CoreFoundation), "kCFBoolean"),
        VtInt32 i => CoreFoundationNative.CreateNumber(i.Value),
        VtDouble d => CoreFoundationNative.CreateNumber(d.Value),
        VtConstant c => SafeCFTypeHandle.Retain(VtExports.ValueOf(c.Symbol), c.Symbol.Name),
        VtDataRateLimits limits => CreateDataRateLimits(limits),
        VtPixelAspectRatio par => CreatePixelAspectRatio(par),
        VtData data => CoreFoundationNative.CreateData(data.Bytes.AsSpan()),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "unknown VtValue"),
    };

    /// <summary>A dictionary of the given properties; every key must be exported by this macOS.</summary>
    public static SafeCFTypeHandle CreateDictionary(IEnumerable<PlannedProperty> properties)
    {
        var dictionary = CoreFoundationNative.CreateMutableDictionary();
        foreach (var property in properties)
        {
            using var value = Create(property.Value);
            CoreFoundationNative.SetValue(dictionary, VtExports.ValueOf(property.Key), value);
        }

        return dictionary;
    }

    private static SafeCFTypeHandle CreateDataRateLimits(VtDataRateLimits limits)
    {
        using var bytes = CoreFoundationNative.CreateNumber(limits.Bytes);
        using var seconds = CoreFoundationNative.CreateNumber(limits.Seconds);
        return CoreFoundationNative.CreatePair(bytes, seconds);
    }

    private static SafeCFTypeHandle CreatePixelAspectRatio(VtPixelAspectRatio par)
    {
        var dictionary = CoreFoundationNative.CreateMutableDictionary();
        using var horizontal = CoreFoundationNative.CreateNumber(par.HorizontalSpacing);
        using var vertical = CoreFoundationNative.CreateNumber(par.VerticalSpacing);
        CoreFoundationNative.SetValue(dictionary, VtExports.ValueOf(CompressionPropertyKeys.PixelAspectRatioHorizontalSpacing), horizontal);
        CoreFoundationNative.SetValue(dictionary, VtExports.ValueOf(CompressionPropertyKeys.PixelAspectRatioVerticalSpacing), vertical);
        return dictionary;
    }
}
