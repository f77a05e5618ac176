using System.Buffers;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>Node-side knobs of the libavcodec backend (bound from configuration by the host).</summary>
/// <param name="SoftwarePreset">x264/x265 preset before the client's prio_speed/realtime adjustment.</param>
/// <param name="Threads">Encoder/decoder threads; 0 = automatic (bounded so the encoder delay stays below the client window).</param>
/// <param name="DecodeInDecodeOrder">
/// Make every decoder of this backend output in decode order, as a session with
/// <see cref="DecoderSettings.OutputInDecodeOrder"/> does (VTR1 decode mode sets that per session). HEVC: the
/// SPS reorder depth is rewritten to 0, so each packet yields its picture at once. H.264: each picture is taken as
/// libavcodec allocates it (<see cref="H264DecodeOrderOutput"/>); a hook that cannot be installed safely is an error
/// (CodecException), not a silent fallback.
/// </param>
public sealed record FFmpegBackendOptions(string SoftwarePreset = "veryfast", int Threads = 0, bool DecodeInDecodeOrder = false)
{
    /// <summary>Where encoded packets are rented (the shared pool; tests pass a counting one to prove every packet comes back).</summary>
    public MemoryPool<byte> OutputPool { get; init; } = MemoryPool<byte>.Shared;

    public static FFmpegBackendOptions Default { get; } = new();
}
