namespace Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;

/// <summary>A fact that needs a real VideoToolbox; it skips with a stated reason elsewhere.</summary>
public sealed class MacOSFactAttribute : FactAttribute
{
    public const string Reason = "VideoToolbox needs macOS; running on Linux";

    public MacOSFactAttribute()
    {
        if (!OperatingSystem.IsMacOS())
        {
            Skip = Reason;
        }
    }
}
