namespace Vtr.Shared.Wire;

/// <summary>
/// Upper bounds a VTR1 reader enforces before it allocates or waits for data.
/// The original implementations have no caps at all; these keep a hostile peer from exhausting memory.
/// </summary>
public sealed record Vtr1Limits
{
    internal const int MiB = 1024 * 1024;

    public static Vtr1Limits Default { get; } = new();

    /// <summary>Largest accepted payload length in a header (checked before the body arrives).</summary>
    public int MaxPayloadBytes { get; init; } = 64 * MiB;

    /// <summary>Largest accepted string (u16-prefixed) in bytes.</summary>
    public int MaxStringBytes { get; init; } = 4096;

    /// <summary>Most CONFIGURE options (key/value pairs).</summary>
    public int MaxOptions { get; init; } = 256;

    /// <summary>Most planes in a FRAME; at least 2 are always required.</summary>
    public int MaxPlanes { get; init; } = 4;

    /// <summary>Largest raw plane (stride × height) in bytes, compressed or not.</summary>
    public long MaxPlaneBytes { get; init; } = 64 * MiB;

    /// <summary>Most side-data entries in a FRAME trailer.</summary>
    public int MaxSideDataEntries { get; init; } = 16;

    /// <summary>Largest CONFIGURE/CONFIGURE_ACK extradata in bytes.</summary>
    public int MaxExtradataBytes { get; init; } = MiB;
}
