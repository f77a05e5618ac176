namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>The Apple framework that exports a constant.</summary>
public enum VtFramework
{
    VideoToolbox,
    CoreMedia,
    CoreVideo,
    CoreFoundation,
}

/// <summary>
/// An exported <c>const CFStringRef</c> by its C symbol name (for example
/// <c>kVTCompressionPropertyKey_AverageBitRate</c>). On macOS the value is read from the framework's export
/// table, never constructed from text; on Linux the symbol is plain data the property plan is tested with.
/// </summary>
public readonly record struct VtSymbol(string Name, VtFramework Framework)
{
    /// <summary>The part after the first underscore: "AverageBitRate" for kVTCompressionPropertyKey_AverageBitRate.</summary>
    public string ShortName
    {
        get
        {
            var underscore = Name.IndexOf('_', StringComparison.Ordinal);
            return underscore < 0 ? Name : Name[(underscore + 1)..];
        }
    }

    public override string ToString() => Name;
}
