using Vtr.Native.FFmpeg;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>The shared FFmpeg runtime as the codecs need it: a missing or unsupported FFmpeg is a codec failure.</summary>
internal static class CodecRuntime
{
    /// <summary><see cref="FFmpegRuntime.Load"/>; throws <see cref="FFmpegException"/> (a <see cref="CodecException"/>)
    /// with the runtime's message, which sessions report to the client like any other codec failure.</summary>
    public static FFmpegRuntime Load() =>
        FFmpegRuntimeLoad.Or(FFmpegRuntime.Load, static (message, inner) => new FFmpegException(message, inner));
}
