namespace Vtr.Shared.Media;

/// <summary>The CONFIGURE <c>wire_compression</c> value: how FRAME planes are packed on the wire.</summary>
public enum WireCompression : byte
{
    None = 0,

    /// <summary>One LZ4 block per plane (no frame header).</summary>
    Lz4 = 1,

    /// <summary>One zstd frame per plane, level 1.</summary>
    Zstd = 2,
}
