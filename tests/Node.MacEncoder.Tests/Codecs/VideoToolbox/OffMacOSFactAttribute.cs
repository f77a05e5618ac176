namespace Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;

/// <summary>A fact about VideoToolbox's absence; on macOS it skips, because the <see cref="MacOSFactAttribute"/> facts cover it.</summary>
public sealed class OffMacOSFactAttribute : FactAttribute
{
    public OffMacOSFactAttribute()
    {
        if (OperatingSystem.IsMacOS())
        {
            Skip = "checks the off-macOS refusal; on macOS the VideoToolbox facts run instead";
        }
    }
}
