namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>Node-side knobs of the libavcodec backend (bound from configuration by the host).</summary>
/// <param name="SoftwarePreset">x264/x265 preset before the client's prio_speed/realtime adjustment.</param>
/// <param name="Threads">Encoder/decoder threads; 0 = automatic (bounded so the encoder delay stays below the client window).</param>
/// <param name="DecodeInDecodeOrder">
/// Ask the decoder to output pictures as soon as possible (AV_CODEC_FLAG_LOW_DELAY), closer to the original
/// server, which never reorders. Only FFmpeg's H.264 decoder looks at the flag, and it still waits for the
/// SPS's max_num_reorder_frames when the VUI declares it (x264 streams do: 2 packets with B-frames), after
/// which it yields one picture per packet. HEVC always uses presentation order with the SPS reorder delay.
/// </param>
public sealed record FFmpegBackendOptions(string SoftwarePreset = "veryfast", int Threads = 0, bool DecodeInDecodeOrder = false)
{
    public static FFmpegBackendOptions Default { get; } = new();
}
