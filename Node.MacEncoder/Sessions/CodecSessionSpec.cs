using Vtr.Node.Codecs;

namespace Vtr.Node.Sessions;

/// <summary>What a session's codec child opens: an encoder (encode mode) or a decoder (decode mode).</summary>
public sealed record CodecSessionSpec(EncoderSettings? Encoder, DecoderSettings? Decoder)
{
    public static CodecSessionSpec ForEncoding(EncoderSettings settings) => new(settings, null);

    public static CodecSessionSpec ForDecoding(DecoderSettings settings) => new(null, settings);
}
