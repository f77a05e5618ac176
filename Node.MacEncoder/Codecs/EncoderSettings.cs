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
/// <param name="Codec">The source codec: H.264/HEVC (Annex B packets; a <see cref="VideoCodec"/> converts implicitly) or, in
/// transcode sessions, any codec the backend lists in <see cref="ICodecBackend.SourceDecodeCodecs"/> (packets as the
/// container stores them).</param>
/// <param name="Extradata">avcC/hvcC or Annex B parameter sets from CONFIGURE (may be empty for Annex B streams with in-band
/// parameter sets); for other codecs the container's codec extradata, passed to the decoder as is.</param>
/// <param name="OutputInDecodeOrder">
/// Output each picture as soon as it is decoded, as the original server does (WIRE.md §3.3: the decode client
/// is lock-step and stalls on every PACKET that yields no FRAME). False keeps presentation order, which a
/// transcode needs because it feeds an encoder.
/// </param>
public sealed record DecoderSettings(
    SourceCodec Codec,
    int Width,
    int Height,
    WirePixelFormat OutputPixelFormat,
    ReadOnlyMemory<byte> Extradata,
    bool OutputInDecodeOrder = false);
