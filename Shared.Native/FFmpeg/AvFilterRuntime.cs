namespace Vtr.Native.FFmpeg;

/// <summary>
/// The loaded libavfilter beside <see cref="FFmpegRuntime"/>'s libavcodec/libavutil. libavfilter is optional: a node
/// without it still encodes, it only cannot measure quality, so <see cref="TryLoad"/> says why instead of throwing.
/// Refuses a libavfilter from another FFmpeg release than the loaded libavcodec (major = libavcodec's - 51).
/// </summary>
public sealed class AvFilterRuntime
{
    private static readonly Lock Gate = new();
    private static AvFilterRuntime? _instance;
    private static string? _failure;

    private AvFilterRuntime(FFmpegRuntime codecs) => Codecs = codecs;

    public FFmpegRuntime Codecs { get; }

    /// <summary>Loads once; null with the reason when libavfilter is missing, from another release, or lacks a filter in
    /// <paramref name="requiredFilters"/>.</summary>
    public static AvFilterRuntime? TryLoad(out string? reason, params string[] requiredFilters)
    {
        ArgumentNullException.ThrowIfNull(requiredFilters);
        lock (Gate)
        {
            if (_instance is null && _failure is null)
            {
                try
                {
                    _instance = Create();
                }
                catch (FFmpegUnavailableException e)
                {
                    _failure = e.Message;
                }
            }
        }

        reason = _failure;
        if (_instance is null)
        {
            return null;
        }

        foreach (var name in requiredFilters)
        {
            if (AvFilterNative.avfilter_get_by_name(name) == 0)
            {
                reason = $"this libavfilter has no {name} filter";
                return null;
            }
        }

        return _instance;
    }

    private static AvFilterRuntime Create()
    {
        var codecs = FFmpegRuntime.Load();
        _ = codecs.CompanionMajor( // refuses a missing libavfilter or one from another release
            "libavfilter", AvFilterNative.avfilter_version, codecs.CodecMajor - NativeLibraries.AvFilterMajorOffset,
            missingHint: "", mismatchHint: "");
        return new AvFilterRuntime(codecs);
    }
}
