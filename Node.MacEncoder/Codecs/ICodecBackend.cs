using Vtr.Shared.Media;

namespace Vtr.Node.Codecs;

/// <summary>A family of codec implementations on this machine (VideoToolbox or libavcodec).</summary>
public interface ICodecBackend
{
    /// <summary>"videotoolbox" or "ffmpeg".</summary>
    string Name { get; }

    /// <summary>True when encoding runs on dedicated hardware.</summary>
    bool IsHardware { get; }

    /// <summary>Codecs this backend can encode right now (probed, not assumed).</summary>
    IReadOnlyList<VideoCodec> EncodeCodecs { get; }

    /// <summary>Codecs this backend can decode right now.</summary>
    IReadOnlyList<VideoCodec> DecodeCodecs { get; }

    /// <summary>
    /// Source codecs a transcode session can take as <c>source_codec</c> (FFmpeg codec names, see <see cref="SourceCodec"/>);
    /// what the node announces as its decode codecs, so the coordinator sends packets only where they can be decoded.
    /// </summary>
    IReadOnlyList<string> SourceDecodeCodecs => [.. DecodeCodecs.Select(c => c.ToWireName())];

    /// <summary>
    /// True when this backend's encoder honours <see cref="EncoderSettings.StartsWithPreRoll"/>: a transcode pre-roll opens
    /// with a near-free frame, otherwise ABR makes the segment repay the pre-roll's IDR (−15 % of the ask, measured with
    /// x264 on noise). A backend that cannot (VideoToolbox has no per-frame quantiser) ignores the pre-roll.
    /// </summary>
    bool EncodesPreRoll => false;

    /// <summary>Opens an encoder; throws <see cref="CodecException"/> with a clear message when the settings cannot be honoured.</summary>
    IVideoEncoder CreateEncoder(EncoderSettings settings);

    IVideoDecoder CreateDecoder(DecoderSettings settings);

    /// <summary>
    /// Opens a quality meter for a transcode session's output (CONFIGURE <c>measure=quality</c>), or returns null with
    /// the reason when this backend cannot measure here (no libavfilter, no decoder of the output codec, VideoToolbox):
    /// the client then measures the segment itself.
    /// </summary>
    IQualityMeter? CreateQualityMeter(QualityMeterSettings settings, out string unavailableReason)
    {
        unavailableReason = $"the {Name} backend does not measure quality";
        return null;
    }
}
