namespace Vtr.Shared.Media;

/// <summary>Pixel format codes as they travel in CONFIGURE/CONFIGURE_ACK (one byte).</summary>
public enum WirePixelFormat : byte
{
    /// <summary>8-bit 4:2:0, Y plane then interleaved CbCr.</summary>
    Nv12 = 1,

    /// <summary>10-bit 4:2:0 in 16-bit little-endian words, samples in the high bits.</summary>
    P010 = 2,
}
