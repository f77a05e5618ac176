namespace Vtr.Node.Codecs.Diagnostics;

/// <summary>How a <c>vtr doctor</c> finding bears on running a node.</summary>
public enum FindingLevel
{
    /// <summary>Works.</summary>
    Ok,

    /// <summary>A fact to report (versions, property lists); nothing to fix.</summary>
    Info,

    /// <summary>Works, but something a person may want to act on (a missing optional backend, low PSNR).</summary>
    Warn,

    /// <summary>Broken: a codec the node offers would fail for clients.</summary>
    Fail,
}

/// <summary>One line of <c>vtr doctor</c>: what was checked (<paramref name="Subject"/>) and what was found.</summary>
public sealed record Finding(FindingLevel Level, string Subject, string Detail)
{
    /// <summary>"ok   ffmpeg H.264 8-bit encoder: opens (software)": a fixed-width level, then subject and detail.</summary>
    public override string ToString() => $"{Tag(Level),-4} {Subject}: {Detail}";

    public static string Tag(FindingLevel level) => level switch
    {
        FindingLevel.Ok => "ok",
        FindingLevel.Info => "info",
        FindingLevel.Warn => "warn",
        _ => "FAIL",
    };
}
