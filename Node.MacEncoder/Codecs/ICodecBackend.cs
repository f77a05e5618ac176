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
    /// True when a transcode pre-roll (<c>preroll_from_pts</c>) is known to warm this backend's rate control: measured
    /// with libx264 (docs/benchmarks.md, "Pre-roll"). VideoToolbox's rate control could not be measured (no Mac here), so
    /// a VideoToolbox node ignores the key and encodes the segment cold, as before.
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
