using System.Runtime.InteropServices;
using Vtr.Native.FFmpeg;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// Which source codecs this FFmpeg can decode for a transcode session, by FFmpeg codec name. The list announced to the
/// coordinator is a fixed set of candidates probed at start (not every decoder FFmpeg has: a registration is re-sent
/// every few seconds and should stay small); a source outside it still works, as raw frames decoded by the client.
/// </summary>
public static class SourceDecoders
{
    /// <summary>
    /// Codecs a cut at a keyframe makes sense for and whose decoder needs nothing but packets and extradata (rawvideo
    /// and v210 need the container's pixel format and size, so they go raw): camera and intermediate formats first.
    /// </summary>
    public static IReadOnlyList<string> Candidates { get; } =
    [
        "h264", "hevc", "prores", "dnxhd", "mpeg2video", "mpeg1video", "mpeg4", "mjpeg", "dvvideo", "cfhd",
        "ffv1", "vp8", "vp9", "av1", "jpeg2000", "vc1", "utvideo", "huffyuv",
    ];

    /// <summary>The candidates this FFmpeg has a decoder for, in <see cref="Candidates"/> order.</summary>
    public static IReadOnlyList<string> Probe() => [.. Candidates.Where(name => Find(name) != 0)];

    /// <summary>
    /// The decoder FFmpeg prefers for the codec called <paramref name="name"/> (avcodec_find_decoder by the descriptor's
    /// id, so AV1 finds libdav1d rather than the hardware-only native decoder), else one registered under that name; 0 if none.
    /// </summary>
    public static nint Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var descriptor = AvCodecNative.avcodec_descriptor_get_by_name(name);
        if (descriptor != 0)
        {
            // AVCodecDescriptor starts with enum AVCodecID id in every release (libavcodec/codec_desc.h).
            var decoder = AvCodecNative.avcodec_find_decoder(Marshal.ReadInt32(descriptor));
            if (decoder != 0)
            {
                return decoder;
            }
        }

        return AvCodecNative.avcodec_find_decoder_by_name(name);
    }
}
