namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>Node-side knobs of the libavcodec backend (bound from configuration by the host).</summary>
/// <param name="SoftwarePreset">x264/x265 preset before the client's prio_speed/realtime adjustment.</param>
/// <param name="Threads">Encoder/decoder threads; 0 = automatic (bounded so the encoder delay stays below the client window).</param>
/// <param name="DecodeInDecodeOrder">
/// Output decoded pictures as soon as they are decoded (AV_CODEC_FLAG_LOW_DELAY), like the original server,
/// which never reorders. Only the H.264 decoder honours it: with B-frames pictures then come out in decode
/// order. HEVC always outputs in presentation order.
/// </param>
public sealed record FFmpegBackendOptions(string SoftwarePreset = "veryfast", int Threads = 0, bool DecodeInDecodeOrder = false)
{
    public static FFmpegBackendOptions Default { get; } = new();
}
