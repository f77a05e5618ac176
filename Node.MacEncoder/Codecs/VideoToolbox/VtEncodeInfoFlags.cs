namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// VTEncodeInfoFlags (VideoToolbox/VTErrors.h): set by VTCompressionSessionEncodeFrame in infoFlagsOut and passed to
/// the output callback. Kept apart from the P/Invoke class so the slot accounting can be tested off macOS.
/// </summary>
[Flags]
public enum VtEncodeInfoFlags : uint
{
    None = 0,

    /// <summary>kVTEncodeInfo_Asynchronous: the encode is (or was) running asynchronously.</summary>
    Asynchronous = 1 << 0,

    /// <summary>kVTEncodeInfo_FrameDropped: the frame was dropped; in infoFlagsOut, synchronously.</summary>
    FrameDropped = 1 << 1,
}
