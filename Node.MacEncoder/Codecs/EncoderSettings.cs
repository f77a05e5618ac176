using Vtr.Shared.Media;

namespace Vtr.Node.Codecs;

/// <summary>Everything a backend needs to open an encoder: geometry, timing and the typed CONFIGURE options.</summary>
public sealed record EncoderSettings(
    VideoCodec Codec,
    int Width,
    int Height,
    WirePixelFormat PixelFormat,
    Rational TimeBase,
    Rational FrameRate,
    EncoderOptions Options);

/// <summary>Everything a backend needs to open a decoder.</summary>
/// <param name="Extradata">avcC/hvcC or Annex B parameter sets from CONFIGURE; may be empty for Annex B streams with in-band parameter sets.</param>
public sealed record DecoderSettings(
    VideoCodec Codec,
    int Width,
    int Height,
    WirePixelFormat OutputPixelFormat,
    ReadOnlyMemory<byte> Extradata);
