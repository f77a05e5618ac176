using Vtr.Node.Codecs.FFmpeg;
using Vtr.Node.Codecs.VideoToolbox;

namespace Vtr.Node.Codecs;

/// <summary>Picks the node's codec backend: VideoToolbox on macOS, libavcodec everywhere else (or as asked).</summary>
public static class CodecBackendFactory
{
    public const string Auto = "auto";
    public const string FFmpeg = "ffmpeg";
    public const string VideoToolbox = "videotoolbox";

    /// <summary>Creates the requested backend; throws <see cref="CodecException"/> naming why it is unavailable.</summary>
    public static ICodecBackend Create(string name, FFmpegBackendOptions ffmpegOptions)
    {
        switch (name)
        {
            case VideoToolbox:
                return CreateVideoToolbox();
            case FFmpeg:
                return CreateFFmpeg(ffmpegOptions);
            case Auto:
                if (OperatingSystem.IsMacOS() && VideoToolboxBackend.TryCreate(out var hardware, out _) && hardware is not null)
                {
                    return hardware;
                }

                return CreateFFmpeg(ffmpegOptions);
            default:
                throw new CodecException($"unknown backend '{name}' (auto, ffmpeg, videotoolbox)");
        }
    }

    private static ICodecBackend CreateVideoToolbox() =>
        VideoToolboxBackend.TryCreate(out var backend, out var reason) && backend is not null
            ? backend
            : throw new CodecException("VideoToolbox backend unavailable: " + reason);

    private static FFmpegBackend CreateFFmpeg(FFmpegBackendOptions options)
    {
        var backend = new FFmpegBackend(options);
        return backend.UnavailableReason is { } reason
            ? throw new CodecException("FFmpeg backend unavailable: " + reason)
            : backend;
    }
}
