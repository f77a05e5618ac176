using Vtr.Shared.Media;

namespace Vtr.Node.Codecs;

/// <summary>An input picture for an encoder. The planes are borrowed: the encoder copies them during Submit.</summary>
public readonly record struct RawVideoFrame(long Pts, long Duration, bool ForceKeyframe, PlaneView Luma, PlaneView Chroma);
