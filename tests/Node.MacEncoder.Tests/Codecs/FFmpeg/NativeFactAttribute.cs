using Vtr.Native.FFmpeg;

namespace Vtr.Node.MacEncoder.Tests.Codecs.FFmpeg;

/// <summary>A fact that needs the real FFmpeg (and optionally a named encoder); skipped with the reason otherwise.</summary>
public sealed class NativeFactAttribute : FactAttribute
{
    /// <summary>Skip (with the reason) where the process's descriptors cannot be counted through /proc/self/fd.</summary>
    public bool CountsDescriptors
    {
        get => false;
        init
        {
            if (value && Skip is null && !Directory.Exists("/proc/self/fd"))
            {
                Skip = "counts descriptors through /proc/self/fd, which this OS does not have";
            }
        }
    }

    public NativeFactAttribute(params string[] encoders)
    {
        var runtime = FFmpegRuntime.TryLoad(out var reason);
        if (runtime is null)
        {
            Skip = $"FFmpeg not usable: {reason}";
            return;
        }

        foreach (var encoder in encoders)
        {
            if (AvCodecNative.avcodec_find_encoder_by_name(encoder) == 0)
            {
                Skip = $"encoder {encoder} is not in this FFmpeg ({runtime.VersionText})";
                return;
            }
        }
    }
}
