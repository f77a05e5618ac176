using Vtr.Node.Codecs;
using Vtr.Shared.Media;

namespace Vtr.Node.Sessions;

/// <summary>
/// What a session's codec child opens: an encoder (encode mode), a decoder (decode mode), or both (transcode:
/// decoded pictures whose pts lies in <see cref="Keep"/> are re-encoded, the others only fed the decoder).
/// </summary>
public sealed record CodecSessionSpec(EncoderSettings? Encoder, DecoderSettings? Decoder, PtsRange? Keep = null)
{
    /// <summary>How decoded pictures are compressed into FRAMEs, on the codec's thread (CONFIGURE's wire_compression).</summary>
    public WireCompression OutputCompression { get; init; }

    /// <summary>Transcode with <c>measure=decode|quality</c>: the codec checks its output (<see cref="IQualityMeter"/>).</summary>
    public OutputCheck Check { get; init; }

    /// <summary>Transcode pre-roll: pictures encoded before <see cref="Keep"/> to warm rate control, their packets dropped
    /// (CONFIGURE <c>preroll_from_pts</c>). Empty for none.</summary>
    public PtsRange PreRoll { get; init; } = PtsRange.Empty;

    public static CodecSessionSpec ForEncoding(EncoderSettings settings) => new(settings, null);

    public static CodecSessionSpec ForDecoding(DecoderSettings settings) => new(null, settings);

    public static CodecSessionSpec ForTranscoding(DecoderSettings decoder, EncoderSettings encoder, PtsRange keep) => new(encoder, decoder, keep);
}

/// <summary>An inclusive pts interval: the frames a segment must output (open-GOP leaders decoded only for reference are outside it).</summary>
public readonly record struct PtsRange(long From, long To)
{
    public static readonly PtsRange All = new(long.MinValue, long.MaxValue);

    public static readonly PtsRange Empty = new(0, -1);

    public bool IsEmpty => From > To;

    public bool Contains(long pts) => pts >= From && pts <= To;
}
